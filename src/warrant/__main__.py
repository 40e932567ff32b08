"""``python -m warrant`` runs the command line.

SPEC §10.
"""

from warrant.cli import run

run()
