"""Analyses built on the register: replaying a scenario (and, as they come, the option
exchange check and every reading side by side).

SPEC §7–§9: the questions asked of a register under Section 4.
"""
