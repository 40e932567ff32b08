"""The instrument as data: the warrant's terms (presets) and the readings where it is silent.

The preamble's terms and Section 1's window; SPEC §9's readings.
"""
