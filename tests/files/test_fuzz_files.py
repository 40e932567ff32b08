"""Fuzz test of the files the library reads (SPEC §10, §12; issue "Hardening", item 7).

Generated and mutated scenario files (TOML and JSON) and CSV price files: each
either loads and replays (then renders, certifies and round-trips), or is refused
with the library's own error naming a field or a line — never another exception,
never longer than a second of CPU.  Certificate files (TOML and JSON, 4.G) likewise:
each either loads and is verified against a scenario (agreeing or not, the verdict
rendered as ``warrant verify`` prints it), or is refused the same way.  The suite runs a bounded
number of examples; ``benchmarks/fuzz.py`` runs the same property for as long as
it is given (``docs/hardening.md`` records the long runs).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from fuzzing import (
    CERTIFICATE_FACTS,
    certificate_cases,
    certificate_facts,
    certificate_toml,
    check_certificate_text,
    check_csv_text,
    check_scenario_text,
    csv_texts,
    scenario_texts,
)
from fuzzing_packages import (
    check_command_line,
    check_overlay,
    check_package,
    command_lines,
    overlays,
    packages,
)
from warrant.files.scenario_files import Scenario

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


@FUZZ_SETTINGS
@given(case=certificate_cases())
def test_spec_12_every_certificate_file_verifies_or_is_refused_by_name(
    case: tuple[str, str, Scenario],
) -> None:
    kind, text, scenario = case
    assert check_certificate_text(text, kind, scenario) in (
        "refused on load", "refused on verify", "agrees", "disagrees"
    )


@FUZZ_SETTINGS
@given(case=packages())
def test_spec_12_every_ocf_package_imports_or_is_refused_in_one_line(
    case: tuple[str, dict[str, bytes], bool, int],
) -> None:
    assert check_package(case) in ("imported", "refused")


@FUZZ_SETTINGS
@given(text=overlays())
def test_spec_12_every_overlay_imports_or_is_refused_in_one_line(text: str) -> None:
    assert check_overlay(text) in ("imported", "refused")


@FUZZ_SETTINGS
@given(argv=command_lines())
def test_spec_12_every_command_line_answers_or_is_refused_in_one_line(argv: list[str]) -> None:
    assert check_command_line(argv) in ("exit 0", "exit 1", "exit 2")


@pytest.mark.parametrize("facts", sorted(CERTIFICATE_FACTS))
def test_the_certificates_the_fuzzing_starts_from_agree_with_their_facts(facts: str) -> None:
    """The plausible certificates are built from these: as the library writes them (JSON),
    and as counsel types them (TOML, the figures only), each agrees."""
    scenario, written = certificate_facts(facts)
    assert len(written) >= 2
    for data in written:
        typed = {"certificate": {"adjustment": data["certificate"]["adjustment"],
                                 "figures": data["certificate"]["figures"]}}
        if "warrant" in data["certificate"]:
            typed["certificate"]["warrant"] = data["certificate"]["warrant"]
        assert check_certificate_text(json.dumps(data), "json", scenario) == "agrees"
        assert check_certificate_text(certificate_toml(typed), "toml", scenario) == "agrees"
        nudged = dict(typed["certificate"]["figures"], price_after="0.01")
        typed["certificate"]["figures"] = nudged
        assert check_certificate_text(certificate_toml(typed), "toml", scenario) == "disagrees"
