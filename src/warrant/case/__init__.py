"""The facts of one case, as a value: what every analysis is asked about.

A case is the warrant's terms and its series, the reading taken where the warrant
is silent, the capitalisation at the Issue Date, the closing prices and where they
came from, the register's events in order, and — for the option exchange tool —
the proposal it asks about.  The case states facts and choices only: the analyses
(``warrant.analyses``) say what the warrant makes of them, and ``warrant.files``
reads and writes them.

* :mod:`warrant.case.scenario` — :class:`Scenario`, the case itself;
* :mod:`warrant.case.proposal` — the proposed option exchange or repricing (SPEC §8);
* :mod:`warrant.case.plain` — the facts as plain data (exact strings, file
  spellings), which a scenario file writes and a certificate's facts digest hashes.
"""
