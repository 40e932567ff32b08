"""The register: corporate events, the opening capitalisation, the ledger that applies them,
its state, its price chain, and what it records (adjustments and determinations).

The engine here knows no clause: the ledger is handed a rulebook (the rules of one
instrument, :mod:`warrant.section4`) and applies each event through it.

Section 4's facts and the engine that applies them (SPEC §11).
"""
