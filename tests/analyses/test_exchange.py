"""The option exchange check (SPEC §8): worked numbers computed by hand with Fractions.

Prices are $1.00 every day except the week before 2003-10-03 (1.10 .. 1.50, so the
Current FMV on 2003-10-03 is 1.30) and 2003-10-03 itself, which closes at 0.90: the new
options are priced at a close below the five-day average the warrant tests against.
"""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest
from exchange_helpers import GRANT_DAY, falling_prices, grant, offer, scenario
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine_helpers import COMMON, FACE, P0, D, price_history
from warrant.analyses.exchange import apply_proposal, check_exchange
from warrant.analyses.replay import replay
from warrant.case.proposal import Reprice, RepricingProposal, Tender
from warrant.ground.errors import InvalidValue, MissingPrices, ScenarioError, WarrantError
from warrant.instrument.readings import CarveOutCounting, Reading
from warrant.register.events import Issuance
from warrant.register.ledger import OPENING_PLAN_OPTIONS

FMV = Fraction("1.30")  # (1.10 + 1.20 + 1.30 + 1.40 + 1.50) / 5
CLOSE = Fraction("0.90")


def test_exchange_wholly_inside_the_carve_out_does_not_trigger() -> None:
    case = scenario([grant("e1", 100_000)], exchange=offer(Tender(of="e1", shares=100_000)))
    verdict = check_exchange(case)
    assert verdict.triggers is False and verdict.readjusts is False
    assert verdict.adjustments == ()
    assert verdict.exercise_price == P0
    assert verdict.shares == FACE
    (test,) = verdict.grants
    # priced below the five-day FMV, and it does not matter: all of it is inside
    assert test.below_fmv is True
    assert (test.inside_carve_out, test.outside_carve_out) == (100_000, 0)
    assert test.grant_price == CLOSE and test.fmv.value == FMV
    # the promise held the 100,000 shares of room through the gap
    assert verdict.carve_out_before.used == 100_000
    assert verdict.carve_out_gap is not None
    assert (verdict.carve_out_gap.used, verdict.carve_out_gap.promised) == (100_000, 100_000)
    assert (verdict.carve_out_after.used, verdict.carve_out_after.promised) == (100_000, 0)


def test_exchange_consultant_new_option_below_fmv_triggers_4c3() -> None:
    case = scenario(
        [grant("c1", 10_000, grantee="consultant")], exchange=offer(Tender(of="c1", shares=10_000))
    )
    verdict = check_exchange(case)
    # by hand: 10,000 shares deemed issued for 10,000 x 0.90; A = 7,000,000 issued
    consideration = 10_000 * CLOSE
    expected = P0 * (COMMON + consideration / FMV) / (COMMON + 10_000)
    assert expected == Fraction(97, 50) * Fraction(7_000_000 * 13 + 90_000, 13 * 7_010_000)
    assert verdict.triggers is True
    assert verdict.exercise_price == expected
    assert verdict.shares == FACE * P0 / expected
    (adjustment,) = verdict.adjustments
    assert adjustment.clause == "4.C(3)" and adjustment.date == GRANT_DAY
    assert adjustment.price_before == P0 and adjustment.price_after == expected
    (test,) = verdict.grants
    assert (test.inside_carve_out, test.outside_carve_out) == (0, 10_000)
    assert any("closing price 0.9" in reason and "1.3" in reason for reason in verdict.reasons)


def test_exchange_triggers_only_under_cumulative_counting() -> None:
    tender = Tender(of=OPENING_PLAN_OPTIONS, shares=100_000, grantee="employee")
    case = scenario(plan_options=1_900_000, exchange=offer(tender))
    verdict = check_exchange(case)
    assert verdict.triggers is False and verdict.exercise_price == P0
    cumulative = Reading(carve_out_counting=CarveOutCounting.CUMULATIVE_GRANTS)
    other = check_exchange(case, reading=cumulative)
    # nothing was freed: room 1,969,693 - 1,900,000 = 69,693, so 30,307 shares overflow
    overflow = 100_000 - (1_969_693 - 1_900_000)
    expected = P0 * (COMMON + overflow * CLOSE / FMV) / (COMMON + overflow)
    assert other.triggers is True
    assert other.exercise_price == expected
    assert other.grants[0].outside_carve_out == overflow
    assert "carve_out_counting" in verdict.depends_on
    answer = dict(verdict.by_reading)[cumulative]
    assert (answer.triggers, answer.exercise_price) == (True, expected)


def test_exchange_gap_grant_fits_only_when_promises_hold_no_room() -> None:
    gap_grant = grant("hires", 500_000, day=D(2003, 6, 2))  # at 2.00, above the FMV of 1.00
    tender = Tender(of=OPENING_PLAN_OPTIONS, shares=1_000_000, grantee="employee")
    case = scenario([gap_grant], plan_options=1_900_000, exchange=offer(tender))
    holding = check_exchange(case)
    # promise holds the 1,000,000 freed: the gap grant finds 69,693 of room
    assert holding.carve_out_gap is not None
    assert holding.carve_out_gap.used == 900_000 + 1_000_000 + 69_693
    assert holding.carve_out_gap.promised == 1_000_000
    assert holding.triggers is False and holding.exercise_price == P0
    not_holding = check_exchange(case, reading=Reading(promised_grants_hold_room=False))
    # the gap grant takes 500,000 of the freed room; the new grant then overflows
    assert not_holding.carve_out_gap is not None
    assert not_holding.carve_out_gap.used == 900_000 + 500_000
    overflow = 1_000_000 - (1_969_693 - 1_400_000)
    assert overflow == 430_307
    expected = P0 * (COMMON + overflow * CLOSE / FMV) / (COMMON + overflow)
    assert not_holding.triggers is True
    assert not_holding.exercise_price == expected
    assert "promised_grants_hold_room" in holding.depends_on


def test_exchange_gap_grant_split_by_the_engine() -> None:
    gap_grant = grant("hires", 500_000, day=D(2003, 6, 2))
    tender = Tender(of=OPENING_PLAN_OPTIONS, shares=1_000_000, grantee="employee")
    case = apply_proposal(
        scenario([gap_grant], plan_options=1_900_000, exchange=offer(tender)), offer(tender)
    )
    held = replay(case).ledger.grants["hires"]
    assert (held.excluded.granted, held.other.granted) == (69_693, 430_307)
    free = replay(attrs.evolve(case, reading=Reading(promised_grants_hold_room=False)))
    hires = free.ledger.grants["hires"]
    assert (hires.excluded.granted, hires.other.granted) == (500_000, 0)


def test_exchange_plain_repricing_below_fmv_of_non_plan_options() -> None:
    register = [grant("n1", 200_000, plan=False, grantee=None)]  # at 2.00: never deemed issued
    proposal = RepricingProposal(reprices=(Reprice(of="n1", new_price="0.50", date=GRANT_DAY),))
    verdict = check_exchange(scenario(register, exchange=proposal))
    expected = P0 * (COMMON + 200_000 * Fraction("0.50") / FMV) / (COMMON + 200_000)
    assert verdict.triggers is True
    assert verdict.dates is None and verdict.carve_out_gap is None
    assert verdict.exercise_price == expected
    (adjustment,) = verdict.adjustments
    assert adjustment.clause == "4.C(6)"
    assert verdict.grants[0].outside_carve_out == 200_000


def test_exchange_cancelling_deemed_options_readjusts() -> None:
    # 50,000 non-plan options at 0.50 when the FMV is 1.00: deemed issued (4.C(3))
    register = [grant("d1", 50_000, plan=False, grantee="consultant", price="0.50")]
    proposal = offer(Tender(of="d1", shares=50_000, grant_price="5.00"))
    verdict = check_exchange(scenario(register, exchange=proposal))
    assert verdict.readjusts is True
    assert verdict.triggers is False  # the new option is priced at 5.00, above the FMV
    # the readjustment undoes the deemed issue: the price returns to 1.94
    assert verdict.exercise_price == P0
    assert [a.readjustment for a in verdict.adjustments] == [True]


def test_exchange_tender_grant_price_overrides_the_close() -> None:
    proposal = offer(Tender(of="c1", shares=10_000, grant_price="1.43"))  # 110% of 1.30
    verdict = check_exchange(
        scenario([grant("c1", 10_000, grantee="consultant")], exchange=proposal)
    )
    assert verdict.grants[0].grant_price == Fraction("1.43")
    assert verdict.triggers is False and verdict.exercise_price == P0


def test_exchange_by_reading_covers_every_reading_and_runs_fewer() -> None:
    # an untendered employee grant: the fully diluted count includes it, the others do not
    register = [grant("c1", 10_000, grantee="consultant"), grant("e9", 50_000)]
    verdict = check_exchange(scenario(register, exchange=offer(Tender(of="c1", shares=10_000))))
    assert [reading for reading, _ in verdict.by_reading] == list(Reading.all())
    assert verdict.runs < len(Reading.all())
    assert "business_day" not in verdict.depends_on
    assert verdict.depends_on == ("outstanding_basis",)
    diluted = P0 * (COMMON + 50_000 + 10_000 * CLOSE / FMV) / (COMMON + 50_000 + 10_000)
    prices = {answer.exercise_price for _, answer in verdict.by_reading}
    assert diluted in prices and len(prices) == 2


def test_exchange_leaves_the_scenario_unchanged() -> None:
    case = scenario(
        [grant("c1", 10_000, grantee="consultant")], exchange=offer(Tender(of="c1", shares=10_000))
    )
    events = case.events
    check_exchange(case)
    assert case.events == events
    assert replay(case).exercise_price == P0


@pytest.mark.parametrize(
    ("tender", "error", "field"),
    [
        (Tender(of="nope", shares=1), ScenarioError, "of"),
        (Tender(of="e1", shares=200_000), WarrantError, "shares"),
        (Tender(of=OPENING_PLAN_OPTIONS, shares=1), ScenarioError, "grantee"),
    ],
)
def test_exchange_bad_tenders_are_refused(
    tender: Tender, error: type[Exception], field: str
) -> None:
    case = scenario([grant("e1", 100_000)], plan_options=1_000, exchange=offer(tender))
    with pytest.raises(error) as caught:
        check_exchange(case)
    assert getattr(caught.value, "field", None) == field


def test_exchange_ineligible_grantee_is_refused() -> None:
    with pytest.raises(InvalidValue) as caught:
        Tender(of="e1", shares=1, grantee="other")
    assert caught.value.field == "grantee"


def test_exchange_no_price_on_the_grant_day_is_an_error_not_a_guess() -> None:
    # 2003-10-06 is a Monday, a business day, with no close in the prices given
    prices = price_history(omit=(D(2003, 10, 6),))
    case = scenario(
        [grant("e1", 100)], exchange=offer(Tender(of="e1", shares=100), grant_date=D(2003, 10, 6))
    )
    with pytest.raises(MissingPrices) as caught:
        check_exchange(attrs.evolve(case, prices=prices))
    assert caught.value.field == "grant_date"


def test_exchange_a_grant_date_on_a_saturday_is_refused_as_no_business_day() -> None:
    prices = falling_prices()
    case = scenario(
        [grant("e1", 100)], exchange=offer(Tender(of="e1", shares=100), grant_date=D(2003, 10, 4))
    )
    with pytest.raises(InvalidValue, match=r"2003-10-04 is not a business day .*\(a Saturday\)"):
        check_exchange(attrs.evolve(case, prices=prices))


def test_exchange_partial_repricing_is_refused_with_the_reason() -> None:
    proposal = RepricingProposal(
        reprices=(Reprice(of="n1", new_price="0.5", date=GRANT_DAY, shares=1),)
    )
    case = scenario([grant("n1", 200_000, plan=False, grantee=None)], exchange=proposal)
    with pytest.raises(WarrantError) as caught:
        check_exchange(case)
    assert caught.value.field == "shares" and caught.value.clause == "4.C(6)"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    employee=st.integers(1, 300_000),
    consultant=st.integers(1, 50_000),
    close=st.sampled_from(["0.50", "0.90", "1.30", "2.00"]),
    sale=st.booleans(),
)
def test_exchange_verdict_equals_replay_of_the_register_with_the_proposal(
    employee: int, consultant: int, close: str, sale: bool
) -> None:
    register = [
        grant("e1", 300_000),
        grant("c1", 50_000, grantee="consultant"),
    ]
    if sale:  # a register event after the grant date, replayed with the proposal
        register.append(Issuance(date=D(2004, 1, 5), shares=100_000, cash="50000"))
    proposal = offer(Tender(of="e1", shares=employee), Tender(of="c1", shares=consultant))
    case = scenario(
        register, exchange=proposal, plan_options=1_800_000, prices=falling_prices(close)
    )
    verdict = check_exchange(case)
    replayed = replay(apply_proposal(case, proposal))
    assert verdict.exercise_price == replayed.exercise_price
    assert verdict.shares == replayed.shares
    for reading, answer in verdict.by_reading[::7]:
        again = replay(attrs.evolve(apply_proposal(case, proposal), reading=reading))
        assert (answer.exercise_price, answer.shares) == (again.exercise_price, again.shares)
