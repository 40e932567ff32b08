"""The 4.G certificate as a document counsel could mail (Markdown, text, HTML), and the
verdict on a certificate that cannot be misread.

Every expected figure is worked by hand here with Fractions (the SPEC §14 company:
7,000,000 shares at the Issue Date, a flat market at $1.00); the library is asked only
for its certificate or its verdict.
"""

from __future__ import annotations

import html
import json
import re
from fractions import Fraction
from pathlib import Path

import pytest

import certificate_helpers as helpers
import warrant
from warrant.analyses.verify import readings_condition
from warrant.cli import main
from warrant.instrument.readings import OutstandingBasis, Reading

F = Fraction

# -- by hand ---------------------------------------------------------------------------------
P0 = F("1.94")
CASH, EXPENSES = F(900_000), F(50_000)
A1, C1 = F(7_000_000), F(1_000_000)
P1 = P0 * (A1 + (CASH - EXPENSES) / 1) / (A1 + C1)  # 1.903625: does not end at 2 places
A2, C2 = A1 + C1, F(500_000)  # the grant of 500,000 options, deemed issued (4.C(3))
# the expiry of all 500,000: before it, 8,000,000 issued + 500,000 deemed; after, none deemed
TODAY_BEFORE, TODAY_AFTER = A2 + C2, A2
# the restated issue's A and A + C′ (nothing was exercised, so C′ = 0)
RESTATED_A, RESTATED_A_C = A2, A2


def paper(figures: dict[str, str], **head: object) -> warrant.StatedCertificate:
    lines = ["[certificate]"]
    for key, value in head.items():
        lines.append(f"{key} = {json.dumps(value) if isinstance(value, str) else value}")
    lines.append("[certificate.figures]")
    lines += [f'{name} = "{text}"' for name, text in figures.items()]
    return warrant.loads_certificate("\n".join(lines))


@pytest.fixture(scope="module")
def section_14(tmp_path_factory: pytest.TempPathFactory) -> warrant.Scenario:
    return helpers.scenario(tmp_path_factory.mktemp("doc"))


def test_4G_money_is_dollars_to_the_cent_and_expenses_read_less_without_a_minus(
    section_14: warrant.Scenario,
) -> None:
    text = warrant.certificate_text(warrant.certificate(section_14, adjustment=0), places=4)
    assert CASH == 900_000 and EXPENSES == 50_000
    assert re.search(r"cash received \(4\.C\(2\)\(i\)\)\s+\$900,000\.00\n", text)
    assert re.search(
        r"less the Company's expenses of the issue \(4\.C\(2\)\)\s+\$50,000\.00\n", text
    )
    assert re.search(r"consideration\s+\$850,000\.00\n", text)
    assert "-50,000" not in text and "900,000.0000" not in text


def test_4G_shares_are_whole_when_whole_else_rounded_with_the_exact_beside(
    section_14: warrant.Scenario,
) -> None:
    md = warrant.certificate_markdown(warrant.certificate(section_14, adjustment=0))
    assert "| issued and outstanding | 7,000,000 | 8,000,000 |" in md
    after = F(100_000) * P0 / P1  # 16000000/157 = 101,910.82802...
    assert after == F(16_000_000, 157)
    assert "| W-1 | 100,000 | 100,000 | 101,910.8280 (exactly 16000000/157) |" in md


def test_4G_places_are_for_prices_only(section_14: warrant.Scenario) -> None:
    cert = warrant.certificate(section_14, adjustment=0)
    md = warrant.certificate_markdown(cert, places=2)
    # 1.903625 to two places is 1.90, and it does not end there: the exact value beside
    assert "1.90 (exactly 1.903625)" in md
    assert "1.94\n" in md
    # money keeps the cent and shares stay whole, whatever the places
    assert "$850,000.00" in md and "| 7,000,000 |" in md
    md6 = warrant.certificate_markdown(cert, places=6)
    assert "1.903625\n" in md6 and "$850,000.00" in md6


def test_4G_the_adjustment_is_named_by_its_date_clause_and_event(
    section_14: warrant.Scenario,
) -> None:
    text = warrant.certificate_text(warrant.certificate(section_14, adjustment=1))
    assert "the adjustment of 2002-07-01 under 4.C(3), on the grant 'options-2002'" in text
    assert "adjustment 1," not in text and "event 1" not in text
    # the index shown is the one --adjustment takes
    assert "Replay index                             1 (the number --adjustment takes)" in text


def test_4G_an_event_without_an_id_is_named_by_its_place_counted_from_one(
    section_14: warrant.Scenario,
) -> None:
    text = warrant.certificate_text(warrant.certificate(section_14, adjustment=2))
    # the expiry is the third event of the scenario (0-based position 2)
    assert "the readjustment of 2003-06-30 under 4.C(3), on the expiry (the 3rd event" in text
    assert "restating the adjustment of 2002-07-01 under 4.C(3)" in text


def test_4G_the_reading_is_spelled_out_and_departures_marked(tmp_path: Path) -> None:
    scenario = helpers.scenario(tmp_path, reading='outstanding_basis = "issued"')
    md = warrant.certificate_markdown(warrant.certificate(scenario, adjustment=0))
    assert "| outstanding_basis | issued | DIFFERS from the default (issued-and-deemed) |" in md
    for field in ("carve_out_counting", "promised_grants_hold_room", "carve_out_follows_splits",
                  "readjust_on", "business_day"):
        assert re.search(rf"\| {field} \| [^|]+ \| the default \|", md), field


def test_4G_readjustment_b_shows_both_counts_each_labelled(section_14: warrant.Scenario) -> None:
    cert = warrant.certificate(section_14, adjustment=2)
    md = warrant.certificate_markdown(cert)
    assert "|  | immediately before | immediately after |" in md
    today = (
        "| shares outstanding or deemed outstanding (issued plus deemed), in today's shares "
        "(2003-06-30) | 8,500,000 | 8,000,000 |"
    )
    assert TODAY_BEFORE == 8_500_000 and TODAY_AFTER == 8_000_000
    assert today in md
    assert (
        "| A and A + C′ of the restated issue of 2002-07-01 (4.C(3)), in shares of that date "
        "(no split since) | 8,000,000 | 8,000,000 |"
    ) in md
    detail = warrant.certificate_json(cert)["detail"]
    assert isinstance(detail, dict)
    assert detail["outstanding_today"]["before"] == "8500000"
    assert detail["restated_issue"]["date"] == "2002-07-01"


SPLIT = """[[event]]
type = "stock-split"
date = 2002-09-03
ratio = "1.5"
"""


def test_4G_readjustment_b_names_every_split_since_the_restated_issue(tmp_path: Path) -> None:
    events = helpers.SALE + "\n" + helpers.GRANT + "\n" + SPLIT + "\n" + helpers.EXPIRY
    scenario = helpers.scenario(tmp_path, events)
    cert = warrant.certificate(scenario, event=3)
    text = warrant.certificate_text(cert)
    # after a 3-for-2 split: 8,000,000 × 3/2 issued, 500,000 × 3/2 deemed, in today's shares
    issued, deemed = A2 * F(3, 2), C2 * F(3, 2)
    assert (issued, issued + deemed) == (12_000_000, 12_750_000)
    assert re.search(r"in today's shares \(2003-06-30\)\s+12,750,000\s+12,000,000", text)
    assert re.search(
        r"A and A \+ C′ of the restated issue of 2002-07-01 \(4\.C\(3\)\), in shares of "
        r"that date, before the 3-for-2 split of 2002-09-03\s+8,000,000\s+8,000,000",
        text,
    )
    # verify takes either count, and says which it matched
    for stated, matched in (("12,750,000", "outstanding-today"), ("8,000,000", "restated-issue")):
        result = warrant.verify(
            scenario, paper({"outstanding_before": stated}, event=3, clause="4.C(3)")
        )
        assert result.agrees, stated
        assert result.figures[0].matched == matched


def test_4G_verify_accepts_either_count_of_a_readjustment_and_says_which(
    section_14: warrant.Scenario,
) -> None:
    def check(before: str, after: str) -> warrant.Verification:
        return warrant.verify(
            section_14,
            paper({"outstanding_before": before, "outstanding_after": after}, adjustment=2),
        )

    today = check("8,500,000", "8,000,000")
    assert today.agrees
    assert [c.matched for c in today.figures] == ["outstanding-today", "restated-issue"]
    text = warrant.verification_text(today)
    assert "agrees (as the shares outstanding or deemed outstanding, today's shares)" in text
    restated = check(f"{int(RESTATED_A):,}", f"{int(RESTATED_A_C):,}")
    assert restated.agrees and restated.figures[0].matched == "restated-issue"
    wrong = check("8,250,000", "8,000,000")
    assert not wrong.agrees and wrong.figures[0].matched == ""
    data = warrant.verification_json(today)
    assert data["figures"][0]["matched"] == "outstanding-today"  # type: ignore[index]


def test_4G_html_is_one_self_contained_page_with_every_input_text_escaped(tmp_path: Path) -> None:
    hostile = '<script>alert("x")</script> & co'
    events = helpers.SALE.replace('id = "sale-2002"', f"id = {json.dumps(hostile)}")
    scenario = helpers.scenario(tmp_path, events)
    page = warrant.certificate_html(warrant.certificate(scenario, adjustment=0))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page.lower()
    assert html.escape(hostile, quote=True) in page
    # nothing is fetched: no link, no source, no address
    for fetches in ("http:", "https:", "src=", "href=", "@import", "url("):
        assert fetches not in page
    assert "$850,000.00" in page and "7,000,000" in page


def test_4G_cli_html_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = helpers.write_scenario(tmp_path)
    assert main(["certificate", str(path), "--adjustment", "0", "--format", "html"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and "1.9036 (exactly 1.903625)" in out


# -- verify's wording -------------------------------------------------------------------------


def test_4G_verify_reads_the_paper_forms_of_a_dollar_figure(section_14: warrant.Scenario) -> None:
    for written in ("$ 1.94", "US$1.94", "US $1.94", "$1.94", "1.94"):
        result = warrant.verify(section_14, paper({"price_before": written}, adjustment=0))
        assert result.agrees, written
        assert result.figures[0].recomputed == P0


def test_4G_verify_shows_the_difference_as_a_decimal_beside_the_exact(
    section_14: warrant.Scenario,
) -> None:
    result = warrant.verify(section_14, paper({"shares_after": "101,910.84"}, adjustment=0))
    difference = F(16_000_000, 157) - F("101910.84")  # -0.01197452...
    assert difference == F(-188, 15_700) == F(-47, 3925)
    text = warrant.verification_text(result)
    assert "-0.0120 (exactly -47/3925)" in text
    data = warrant.verification_json(result)
    assert data["figures"][0]["difference_decimal"] == "-0.0120"  # type: ignore[index]
    assert data["figures"][0]["difference"] == "-47/3925"  # type: ignore[index]
    # a difference that is a short decimal is shown as it is
    short = warrant.verify(section_14, paper({"price_after": "1.9113"}, adjustment=0))
    assert P1 - F("1.9113") == F("-0.007675")
    assert "  -0.007675  " in warrant.verification_text(short)


def test_4G_verify_says_in_one_short_line_which_readings_reproduce(
    section_14: warrant.Scenario,
) -> None:
    # the grant's A counted as issued only: 8,000,000 issued, nothing deemed before it;
    # under fully-diluted the 7,000,000 + 1,000,000 are the same, so ask of the sale instead
    # a figure only the issued-and-deemed and issued bases give: A = 8,000,000
    result = warrant.verify(
        section_14, paper({"outstanding_before": "8,000,000"}, adjustment=1), all_readings=True
    )
    line = next(
        line for line in warrant.verification_text(result).splitlines()
        if line.startswith("Readings that reproduce")
    )
    assert len(line) < 200
    assert "the other fields any value" in line or line.endswith("every reading.")


def test_4G_readings_condition_names_only_the_fields_that_matter() -> None:
    fully = [r for r in Reading.all() if r.outstanding_basis is OutstandingBasis.FULLY_DILUTED]
    assert len(fully) == 32
    assert readings_condition(fully) == (
        "outstanding_basis = fully-diluted; the other fields any value"
    )
    assert readings_condition(Reading.all()) == "every reading"
    assert readings_condition([]) == "no reading"
    two = [r for r in Reading.all() if r.outstanding_basis is not OutstandingBasis.ISSUED]
    assert readings_condition(two) == (
        "outstanding_basis = issued-and-deemed or fully-diluted; the other fields any value"
    )


# -- the docs show what the command prints ---------------------------------------------------

DOCS = Path(__file__).resolve().parents[2] / "docs" / "certificates.md"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "section-14.toml"


def test_docs_show_the_markdown_the_command_prints(capsys: pytest.CaptureFixture[str]) -> None:
    shown = re.search(r"````markdown\n(.*?)````", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert shown is not None
    assert main(["certificate", str(EXAMPLE), "--adjustment", "0", "--format", "md"]) == 0
    assert capsys.readouterr().out == shown[1]


def test_docs_show_the_html_the_command_prints(capsys: pytest.CaptureFixture[str]) -> None:
    shown = re.search(r"```html\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.DOTALL)
    assert shown is not None
    assert main(["certificate", str(EXAMPLE), "--adjustment", "0", "--format", "html"]) == 0
    page = capsys.readouterr().out
    after_style = shown[1].split("</style>\n", 1)[1].removesuffix("…\n")
    assert after_style in page



def test_the_index_the_replay_table_shows_is_the_one_adjustment_takes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["replay", str(EXAMPLE)]) == 0
    table = capsys.readouterr().out.splitlines()
    header = next(i for i, line in enumerate(table) if line.startswith("#  date"))
    rows = [line.split()[:3] for line in table[header + 1 :] if line[:1].isdigit()]
    # the SPEC §14 register: the sale, the grant, the readjustment on expiry
    assert [(n, date) for n, date, _ in rows] == [
        ("0", "2002-06-03"), ("1", "2002-07-01"), ("2", "2003-06-30"),
    ]
    for number, date, clause in rows:
        assert main(["certificate", str(EXAMPLE), "--adjustment", number]) == 0
        text = capsys.readouterr().out
        assert f"of {date} under {clause}" in text
        assert f"Replay index                             {number} (the number" in text


def test_cash_a_warrant_now_delivers_is_money(capsys: pytest.CaptureFixture[str]) -> None:
    # the reorganisation of 2002-12-02 pays 2 in cash and 0.5 Acquirer common per share
    golden = Path(__file__).resolve().parents[1] / "golden" / "scenarios"
    path = golden / "00-convertible-issuance-4-c-3-adjusted.toml"
    assert main(["certificate", str(path), "--event", "12"]) == 0
    text = capsys.readouterr().out
    cash = r"Now delivered on exercise: cash\n-+\n  per share of Common Stock\s+\$2\.00\n"
    assert re.search(cash, text)
    assert re.search(r"Acquirer common\n-+\n  per share of Common Stock\s+0\.5000\n", text)


def test_readings_condition_is_a_union_of_boxes_and_stays_short() -> None:
    # promised_grants_hold_room differs from carve_out_follows_splits: two boxes of 24
    either = [r for r in Reading.all() if r.promised_grants_hold_room != r.carve_out_follows_splits]
    assert len(either) == 48
    assert readings_condition(either) == (
        "promised_grants_hold_room = true; carve_out_follows_splits = false; the other fields "
        "any value, or promised_grants_hold_room = false; carve_out_follows_splits = true; "
        "the other fields any value"
    )
    # an odd number of four two-valued choices set to their first value: eight boxes of six
    def odd(r: Reading) -> bool:
        firsts = (
            r.promised_grants_hold_room, r.carve_out_follows_splits,
            r.readjust_on.value == "each-expiry", r.business_day.value == "federal",
        )
        return sum(firsts) % 2 == 1

    scattered = [r for r in Reading.all() if odd(r)]
    assert len(scattered) == 48
    assert readings_condition(scattered) == (
        "48 of the 96 readings, no shorter rule (reproduced_by lists them)"
    )
