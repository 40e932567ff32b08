"""The instrument as data: the warrant's terms (presets) and the readings where it is silent."""
