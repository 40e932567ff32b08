"""The closing price of a day under Section 1's three cases, and the price history.

Every expected price is worked out by hand in the test with ``Fraction``.
"""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction

import pytest

import warrant
from warrant.ground.errors import (
    CalendarRangeError,
    FloatRefused,
    InvalidValue,
    NotATradingDay,
    PriceDataError,
    WarrantError,
)
from warrant.market.closing_prices import (
    BoardDetermination,
    ClosingPrice,
    ClosingRule,
    DealerQuote,
    Quote,
    Venue,
    describe,
)
from warrant.market.price_history import PriceHistory

DAY = date(2004, 6, 10)  # a Thursday the market was open
F = Fraction


def board(value: object = "1.50") -> BoardDetermination:
    return BoardDetermination(
        value=value, determined_by="Board resolution 2004-17", determined_on=date(2004, 6, 15)
    )


# -- case (i): a national securities exchange ----------------------------------


def test_section_1_case_i_last_reported_sale() -> None:
    quote = Quote(day=DAY, venue=Venue.EXCHANGE, close="1.27")
    closing = quote.closing_price()
    assert closing == ClosingPrice(
        day=DAY, price=F(127, 100), rule=ClosingRule.EXCHANGE_LAST_SALE, venue=Venue.EXCHANGE
    )
    assert closing.rule.clause == "Section 1(i)"


def test_section_1_case_i_sale_preferred_to_bid_and_asked() -> None:
    quote = Quote(day=DAY, venue="exchange", close="1.27", bid="1.20", ask="1.30")
    assert quote.closing_price().price == F(127, 100)
    assert quote.closing_price().rule is ClosingRule.EXCHANGE_LAST_SALE


def test_section_1_case_i_no_sale_mean_of_closing_bid_and_asked() -> None:
    quote = Quote(day=DAY, venue=Venue.EXCHANGE, bid="1.20", ask="1.25")
    expected = (F(120, 100) + F(125, 100)) / 2  # 1.225 = 49/40
    assert expected == F(49, 40)
    closing = quote.closing_price()
    assert closing.price == expected
    assert closing.rule is ClosingRule.EXCHANGE_BID_ASK
    assert closing.rule.clause == "Section 1(i)"


def test_section_1_case_i_no_sale_and_no_bid_asked_refused() -> None:
    with pytest.raises(PriceDataError) as caught:
        Quote(day=DAY, venue=Venue.EXCHANGE)
    assert caught.value.clause == "Section 1(i)"


def test_section_1_case_i_dealer_quotes_refused() -> None:
    dealers = (DealerQuote("A", "1.20"), DealerQuote("B", "1.24"))
    with pytest.raises(PriceDataError) as caught:
        Quote(day=DAY, venue=Venue.EXCHANGE, dealer_quotes=dealers)
    assert caught.value.field == "dealer_quotes"
    assert caught.value.clause == "Section 1(i)"


# -- case (ii): Nasdaq, not an exchange -----------------------------------------


def test_section_1_case_ii_nasdaq_reported_close() -> None:
    quote = Quote(day=DAY, venue=Venue.NASDAQ, close="1.39")
    closing = quote.closing_price()
    assert closing.price == F(139, 100)
    assert closing.rule is ClosingRule.NASDAQ_CLOSE
    assert closing.rule.clause == "Section 1(ii)"
    assert closing.venue is Venue.NASDAQ


def test_section_1_case_ii_is_the_default_venue() -> None:
    quote = Quote(day=DAY, close="1.39")
    assert quote.venue is Venue.NASDAQ
    assert quote.closing_price().rule is ClosingRule.NASDAQ_CLOSE


def test_section_1_case_ii_close_preferred_to_bid_and_asked() -> None:
    quote = Quote(day=DAY, close="1.39", bid="1.30", ask="1.34")
    assert quote.closing_price().price == F(139, 100)


def test_section_1_case_ii_bid_ask_mean_when_no_close() -> None:
    quote = Quote(day=DAY, venue=Venue.NASDAQ, bid="1.28", ask="1.33")
    expected = (F(128, 100) + F(133, 100)) / 2  # 2.61 / 2 = 1.305
    assert expected == F(261, 200)
    closing = quote.closing_price()
    assert closing.price == expected
    assert closing.rule is ClosingRule.NASDAQ_BID_ASK
    assert closing.rule.clause == "Section 1(ii)"


def test_section_1_case_ii_bid_ask_preferred_to_dealer_quotes() -> None:
    dealers = (DealerQuote("A", "9"), DealerQuote("B", "11"))
    quote = Quote(day=DAY, bid="1.00", ask="1.10", dealer_quotes=dealers)
    assert quote.closing_price().price == F(21, 20)
    assert quote.closing_price().rule is ClosingRule.NASDAQ_BID_ASK


def test_section_1_case_ii_no_source_mean_of_two_nasd_members() -> None:
    dealers = [DealerQuote("Member One Securities", "1.20"), DealerQuote("Member Two", "1.25")]
    quote = Quote(day=DAY, venue=Venue.NASDAQ, dealer_quotes=dealers)
    expected = (F(120, 100) + F(125, 100)) / 2
    closing = quote.closing_price()
    assert closing.price == expected == F(49, 40)
    assert closing.rule is ClosingRule.DEALER_QUOTES
    assert closing.rule.clause == "Section 1(ii)"
    assert quote.dealer_quotes == tuple(dealers)  # a list is kept as a tuple


@pytest.mark.parametrize("count", [0, 1, 3])
def test_section_1_case_ii_not_exactly_two_nasd_members_refused(count: int) -> None:
    dealers = tuple(DealerQuote(f"member {n}", "1.20") for n in range(count))
    with pytest.raises(PriceDataError) as caught:
        Quote(day=DAY, venue=Venue.NASDAQ, dealer_quotes=dealers)
    assert caught.value.clause == "Section 1(ii)"
    assert f"got {count}" in str(caught.value)


def test_section_1_case_ii_dealer_price_is_exact_and_positive() -> None:
    with pytest.raises(FloatRefused) as caught:
        DealerQuote("A", 1.2)
    assert caught.value.field == "price"
    assert caught.value.clause == "Section 1(ii)"
    with pytest.raises(InvalidValue):
        DealerQuote("A", "0")


# -- case (iii): not traded on Nasdaq: the Board's determination ----------------


def test_section_1_case_iii_board_determination_with_who_and_when() -> None:
    determination = board("1.5")
    quote = Quote(day=DAY, venue=Venue.NONE, board=determination)
    closing = quote.closing_price()
    assert closing.price == F(3, 2)
    assert closing.rule is ClosingRule.BOARD
    assert closing.rule.clause == "Section 1(iii)"
    assert closing.venue is Venue.NONE
    assert quote.board is determination
    assert quote.board.determined_by == "Board resolution 2004-17"
    assert quote.board.determined_on == date(2004, 6, 15)


def test_section_1_case_iii_requires_a_board_determination() -> None:
    with pytest.raises(PriceDataError) as caught:
        Quote(day=DAY, venue=Venue.NONE)
    assert caught.value.field == "board"
    assert caught.value.clause == "Section 1(iii)"


@pytest.mark.parametrize(
    ("figures", "field"),
    [
        ({"close": "1.30"}, "close"),
        ({"bid": "1.30", "ask": "1.35"}, "bid"),
        ({"dealer_quotes": (DealerQuote("A", "1"), DealerQuote("B", "2"))}, "dealer_quotes"),
    ],
)
def test_section_1_case_iii_reported_prices_refused_on_venue_none(
    figures: dict[str, object], field: str
) -> None:
    with pytest.raises(PriceDataError) as caught:
        Quote(day=DAY, venue=Venue.NONE, board=board(), **figures)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert caught.value.clause == "Section 1(iii)"


@pytest.mark.parametrize("venue", [Venue.EXCHANGE, Venue.NASDAQ])
def test_section_1_case_iii_board_value_refused_on_another_venue(venue: Venue) -> None:
    with pytest.raises(PriceDataError) as caught:
        Quote(day=DAY, venue=venue, close="1.30", board=board())
    assert caught.value.field == "board"
    assert caught.value.clause == "Section 1(iii)"
    assert venue.value in str(caught.value)


def test_section_1_case_iii_board_value_is_exact_positive_and_dated() -> None:
    with pytest.raises(FloatRefused) as caught:
        BoardDetermination(value=1.5, determined_by="Board", determined_on=DAY)
    assert caught.value.field == "value"
    assert caught.value.clause == "Section 1(iii)"
    with pytest.raises(InvalidValue):
        BoardDetermination(value="0", determined_by="Board", determined_on=DAY)
    with pytest.raises(InvalidValue) as caught_date:
        BoardDetermination(value="1", determined_by="Board", determined_on=datetime(2004, 6, 10))
    assert caught_date.value.field == "determined_on"


def test_section_1_case_iii_board_determination_needs_who_as_a_library_error() -> None:
    with pytest.raises(WarrantError) as caught:
        BoardDetermination(value="1", determined_by="", determined_on=DAY)
    assert caught.value.field == "determined_by"


def test_section_1_case_ii_dealer_needs_a_name_as_a_library_error() -> None:
    with pytest.raises(WarrantError) as caught:
        DealerQuote(dealer="", price="1")
    assert caught.value.field == "dealer"


# -- figures that cannot be used --------------------------------------------------


@pytest.mark.parametrize("venue", list(Venue))
def test_section_1_bid_without_ask_refused(venue: Venue) -> None:
    with pytest.raises(PriceDataError) as caught:
        Quote(day=DAY, venue=venue, bid="1.20")
    assert caught.value.field == "bid"
    assert caught.value.clause == "Section 1"


def test_section_1_ask_without_bid_refused() -> None:
    with pytest.raises(PriceDataError) as caught:
        Quote(day=DAY, close="1.30", ask="1.20")
    assert caught.value.field == "ask"


def test_section_1_float_close_refused_naming_the_field() -> None:
    with pytest.raises(FloatRefused) as caught:
        Quote(day=DAY, close=1.3)
    assert caught.value.field == "close"


@pytest.mark.parametrize("field", ["close", "bid", "ask"])
def test_section_1_zero_or_negative_price_refused(field: str) -> None:
    figures = {"close": "1", "bid": "1", "ask": "1", field: "-0.01"}
    with pytest.raises(InvalidValue) as caught:
        Quote(day=DAY, **figures)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_quote_day_must_be_a_date_not_a_datetime() -> None:
    with pytest.raises(InvalidValue) as caught:
        Quote(day=datetime(2004, 6, 10, 16, 0), close="1")
    assert caught.value.field == "day"


def test_quote_venue_accepts_its_text() -> None:
    assert Quote(day=DAY, venue="exchange", close="1").venue is Venue.EXCHANGE
    assert Quote(day=DAY, venue="none", board=board()).venue is Venue.NONE


def test_quote_unknown_venue_refused_with_a_library_error() -> None:
    with pytest.raises(WarrantError) as caught:
        Quote(day=DAY, venue="bogus", close="1")
    assert caught.value.field == "venue"


# -- the rule recorded ------------------------------------------------------------


def test_closing_rules_name_their_clause() -> None:
    expected = {
        ClosingRule.EXCHANGE_LAST_SALE: "Section 1(i)",
        ClosingRule.EXCHANGE_BID_ASK: "Section 1(i)",
        ClosingRule.NASDAQ_CLOSE: "Section 1(ii)",
        ClosingRule.NASDAQ_BID_ASK: "Section 1(ii)",
        ClosingRule.DEALER_QUOTES: "Section 1(ii)",
        ClosingRule.BOARD: "Section 1(iii)",
    }
    assert {rule: rule.clause for rule in ClosingRule} == expected


def test_closing_rules_are_distinct_descriptions() -> None:
    descriptions = [rule.value for rule in ClosingRule]
    assert len(set(descriptions)) == len(descriptions)


def test_describe_shows_day_exact_price_and_rule() -> None:
    line = describe(Quote(day=DAY, bid="1.28", ask="1.33").closing_price())
    assert line.startswith("2004-06-10")
    assert "1.305" in line
    assert ClosingRule.NASDAQ_BID_ASK.value in line


def test_quotes_are_frozen() -> None:
    quote = Quote(day=DAY, close="1")
    with pytest.raises(AttributeError):
        quote.close = F(2)  # type: ignore[misc]


def test_public_names_exported() -> None:
    assert warrant.Quote is Quote
    assert warrant.ClosingRule is ClosingRule
    assert warrant.Venue is Venue
    assert warrant.BoardDetermination is BoardDetermination
    assert warrant.DealerQuote is DealerQuote
    assert warrant.PriceHistory is PriceHistory


# -- PriceHistory -------------------------------------------------------------------


def test_price_history_is_a_mapping_by_day_in_date_order() -> None:
    later = Quote(day=date(2004, 6, 10), close="1.39")
    earlier = Quote(day=date(2004, 6, 9), close="1.33")
    history = PriceHistory([later, earlier])
    assert list(history) == [date(2004, 6, 9), date(2004, 6, 10)]
    assert history[date(2004, 6, 10)] is later
    assert len(history) == 2
    assert date(2004, 6, 11) not in history


def test_section_1_price_on_reagan_closure_refused() -> None:
    # 2004-06-11: markets closed for President Reagan's funeral.
    with pytest.raises(NotATradingDay) as caught:
        PriceHistory([Quote(day=date(2004, 6, 11), close="1.40")])
    assert caught.value.field == "date"
    assert "2004-06-11" in str(caught.value)


@pytest.mark.parametrize(
    "closed",
    [
        date(2004, 6, 12),  # Saturday
        date(2004, 6, 13),  # Sunday
        date(2002, 3, 29),  # Good Friday
        date(2001, 9, 12),  # after the September 11 attacks
        date(2004, 12, 24),  # Christmas (Saturday) observed on Friday
    ],
)
def test_section_1_price_on_non_trading_day_refused(closed: date) -> None:
    with pytest.raises(NotATradingDay) as caught:
        PriceHistory([Quote(day=closed, close="1.40")])
    assert closed.isoformat() in str(caught.value)


def test_section_1_two_quotes_for_one_day_refused() -> None:
    with pytest.raises(PriceDataError) as caught:
        PriceHistory([Quote(day=DAY, close="1.39"), Quote(day=DAY, close="1.40")])
    assert caught.value.field == "date"
    assert "2004-06-10" in str(caught.value)


def test_price_outside_calendar_range_refused() -> None:
    with pytest.raises(CalendarRangeError):
        PriceHistory([Quote(day=date(1990, 1, 2), close="1")])
