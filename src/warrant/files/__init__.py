"""Files: scenario files (TOML/JSON) in and out, and the output written for tools and people.

SPEC §10 (the scenario file and the JSON output), SPEC §2 (exact strings).
"""
