"""``python -m warrant`` runs the command line."""

from warrant.cli import run

run()
