"""Fuzz test of the files the library reads (SPEC §10, §12; issue "Hardening", item 7).

Generated and mutated scenario files (TOML and JSON) and CSV price files: each
either loads and replays (then renders, certifies and round-trips), or is refused
with the library's own error naming a field or a line — never another exception,
never longer than a second of CPU.  The suite runs a bounded
number of examples; ``benchmarks/fuzz.py`` runs the same property for as long as
it is given (``docs/hardening.md`` records the long runs).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from fuzzing import check_csv_text, check_scenario_text, csv_texts, scenario_texts

FUZZ_SETTINGS = settings(
    max_examples=60,
    deadline=None,  # the one-second limit is on CPU time, in fuzzing.check_*
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ_SETTINGS
@given(case=scenario_texts())
def test_spec_12_every_scenario_text_replays_or_is_refused_by_name(case: tuple[str, str]) -> None:
    kind, text = case
    assert check_scenario_text(kind, text) in ("refused on load", "refused on replay", "replayed")


@FUZZ_SETTINGS
@given(text=csv_texts())
def test_spec_12_every_csv_price_file_loads_or_is_refused_by_line(text: str) -> None:
    assert check_csv_text(text) in ("refused", "loaded")
