"""``warrant exercise`` and ``warrant consent`` (SPEC §10, §12), on the packaged example
``examples/series-and-exercise.toml``.  Figures worked by hand: the SPEC §14 issue takes
the price to 1.903625 = 1.94 × 157/160; the FMV on 2002-07-01 is 2.50."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from warrant.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "series-and-exercise.toml"
P1 = Fraction("1.903625")


def run(capsys, *args):
    status = main([str(arg) for arg in args])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_spec_10_exercise_prices_without_recording(capsys):
    # B (50,000 on the face) is exercisable for 50,000 × 160/157 = 8,000,000/157 shares
    status, out, _ = run(capsys, "exercise", EXAMPLE, "--warrant", "B", "--received",
                         "2002-07-01", "--shares", "1000", "--cash", "1000", "--net", "--json")
    assert status == 0
    priced = json.loads(out)
    # 1,000 × 1.903625 = 1,903.625, due as 1,903.63; cash 1,000; net 903.625 / 2.5 = 361.45
    # withheld; 638.55 issued: 638 whole, 0.55 × 2.50 = 1.375 → 1.38 in cash
    assert Fraction(priced["sum_payable"]) == 1000 * P1
    assert priced["sum_payable_rounded"] == "1903.63"
    assert Fraction(priced["shares_withheld"]) == Fraction("903.625") / Fraction("2.5")
    assert priced["whole_shares"] == "638"
    assert (priced["cash_in_lieu"], priced["cash_in_lieu_exact"]) == ("1.38", "1.375")
    assert priced["new_warrant"]["id"] == "B.1"
    assert Fraction(priced["new_warrant"]["shares"]) == Fraction(8_000_000, 157) - 1000
    # the Spinco accrual: 1,000 shares are 1,000 × 157/160 face shares, × 40/157 each
    (spinco,) = priced["entitlements_delivered"]
    assert Fraction(spinco["quantity"]) == 1000 * Fraction(157, 160) * Fraction(40, 157)
    # nothing was recorded: the replay still shows B whole
    _, replayed, _ = run(capsys, "replay", EXAMPLE, "--json")
    series = {w["id"]: w["shares"] for w in json.loads(replayed)["series"]}
    assert series["B"] == "8000000/157"


def test_spec_10_exercise_prints_a_table_for_people(capsys):
    status, out, _ = run(capsys, "exercise", EXAMPLE, "--warrant", "B", "--received",
                         "2002-07-01", "--cash", "97000")
    assert status == 0
    # 8,000,000/157 × 1.903625 = 97,000; 50,955 whole shares (157 × 50,955 = 7,999,935),
    # 65/157 of a share in cash: 65/157 × 2.50 = 1.035… → 1.04
    table = [line for line in out.splitlines() if line.startswith("  ")]
    column = next(line for line in table if "sum payable" in line).index("97000.00")
    # the labels line up: every value starts in the same column
    assert all(line[column - 2:column] == "  " and line[column] != " " for line in table)
    rows = {line[:column].strip(): line[column:] for line in table}
    assert rows["sum payable"] == "97000.00"
    assert rows["whole shares delivered"] == "50955"
    assert rows["cash in lieu of fraction"] == "1.04  (exact 325/314)"
    assert rows["Fair Market Value"] == "2.5"
    assert rows["new warrant"] == "none: the warrant is exercised in full"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--warrant", "B", "--received", "2002-07-06", "--cash", "97000"],
         "not a business day under the business_day reading"),
        (["--warrant", "A.2", "--received", "2002-07-02", "--cash", "1"],
         "'A.2' was exercised on 2002-07-01"),
        (["--warrant", "B", "--received", "2002-07-01", "--cash", "1.5.5"], "field '--cash'"),
        (["--warrant", "B", "--received", "2002-07-01", "--cash", "96999.99"], "short of"),
        (["--warrant", "B", "--received", "July 1", "--cash", "1"], "field '--received'"),
        (["--warrant", "B", "--received", "2002-07-01", "--received-at", "2002-07-01T10:00",
          "--cash", "97000"], "field '--received-at'"),
        (["--warrant", "B", "--received", "2002-07-01", "--shares", "0", "--cash", "1"],
         "field '--shares'"),
    ],
)
def test_spec_12_exercise_bad_input_is_one_line_and_exit_2(capsys, args, message):
    status, out, err = run(capsys, "exercise", EXAMPLE, *args)
    assert status == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_spec_10_consent_counts_the_majority(capsys):
    # after the exercise, A.1 (Fund C, 40,000 face) and B (Bank B, 50,000 face) remain:
    # 6,400,000/157 and 8,000,000/157 shares of 14,400,000/157
    status, out, _ = run(capsys, "consent", EXAMPLE, "--as-of", "2002-07-01", "--signed",
                         "Bank B", "--json")
    assert status == 0
    count = json.loads(out)
    assert count["signed_shares"] == "8000000/157"
    assert count["total_shares"] == "14400000/157"
    assert count["share_of_total"] == "5/9"
    assert count["majority"] is True
    status, out, _ = run(capsys, "consent", EXAMPLE, "--as-of", "2002-07-01", "--signed", "A.1")
    assert status == 1  # no majority: the answer is no
    assert "NOT a majority" in out


def test_spec_10_consent_before_the_exercise_counts_bank_a(capsys):
    # on 2002-06-28 A.2 (Bank A, 60,000 face) is still outstanding: 60,000 of 150,000
    _, out, _ = run(capsys, "consent", EXAMPLE, "--as-of", "2002-06-28", "--signed", "Bank A",
                    "--signed", "Fund C", "--json")
    count = json.loads(out)
    assert count["share_of_total"] == "2/3"
    assert count["majority"] is True


def test_spec_12_consent_bad_input(capsys):
    status, _, err = run(capsys, "consent", EXAMPLE, "--as-of", "2002-07-01", "--signed", "Zed")
    assert status == 2
    assert "no warrant 'Zed'" in err
    status, _, err = run(capsys, "consent", EXAMPLE, "--as-of", "2002-07-01")
    assert status == 2
    assert "--signed" in err
