"""Files: scenario files (TOML/JSON) in and out, and the output written for tools and people."""
