"""The instrument as data: the warrant's terms (presets) and the readings taken where it is silent."""
