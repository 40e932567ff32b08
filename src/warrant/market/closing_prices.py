"""Daily quotes and the closing price of a day (Section 1, three cases).

Section 1 picks a day's closing price by where the stock was listed *that day*:

* case (i), a national securities exchange: the last reported sale; with no
  sale that day, the mean of the closing bid and asked;
* case (ii), quoted on Nasdaq but not on an exchange (the Nasdaq National
  Market until it became an exchange in 2006): the reported closing price;
  failing it, the mean of the closing bid and asked; failing any such source,
  prices furnished by two NASD members chosen by the Company;
* case (iii), not traded on Nasdaq at all: the Board's good-faith value on a
  going-concern basis, with no liquidity or minority discount.  That is a
  judgement, so it is an input carrying who decided it and when.

A :class:`Quote` holds what was reported; :meth:`Quote.closing_price` applies
the rule and says which branch it used.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date
from fractions import Fraction

import attrs

from warrant.ground.errors import PriceDataError
from warrant.ground.exact import OPTIONAL_POSITIVE, POSITIVE, clause, exact_str
from warrant.ground.validators import enum_field, plain_date, text


class Venue(enum.Enum):
    """Where the stock was listed on a given day: selects the case of Section 1."""

    EXCHANGE = "exchange"  # case (i)
    NASDAQ = "nasdaq"  # case (ii)
    NONE = "none"  # case (iii)


class ClosingRule(enum.Enum):
    """The branch of Section 1 that produced a day's closing price."""

    EXCHANGE_LAST_SALE = "Section 1(i): last reported sale price"
    EXCHANGE_BID_ASK = "Section 1(i): no sale reported, mean of closing bid and asked"
    NASDAQ_CLOSE = "Section 1(ii): reported closing price"
    NASDAQ_BID_ASK = "Section 1(ii): no closing price reported, mean of closing bid and asked"
    DEALER_QUOTES = "Section 1(ii): no reporting source, mean of two NASD members' prices"
    BOARD = "Section 1(iii): the Board's good-faith determination"

    @property
    def clause(self) -> str:
        return self.value.split(":", 1)[0]


@attrs.frozen
class DealerQuote:
    """A price furnished by an NASD member for case (ii)'s last fallback."""

    dealer: str = attrs.field(validator=text)
    price: Fraction = attrs.field(converter=POSITIVE, metadata=clause("Section 1(ii)"))


def _dealer_tuple(quotes: Iterable[DealerQuote]) -> tuple[DealerQuote, ...]:
    return tuple(quotes)


@attrs.frozen
class BoardDetermination:
    """The Board's good-faith fair market value for a day (case (iii)); an input, never computed."""

    value: Fraction = attrs.field(converter=POSITIVE, metadata=clause("Section 1(iii)"))
    determined_by: str = attrs.field(validator=text)
    determined_on: date = attrs.field(validator=plain_date)


@attrs.frozen
class ClosingPrice:
    """A day's closing price with the branch of Section 1 that produced it."""

    day: date
    price: Fraction
    rule: ClosingRule
    venue: Venue


@attrs.frozen
class Quote:
    """What was reported for one trading day, and where the stock was listed that day.

    ``close`` is the last reported sale (case (i)) or the reported closing price
    (case (ii)); ``bid``/``ask`` the closing bid and asked; ``dealer_quotes`` the
    two NASD members' prices; ``board`` the Board's determination (case (iii)).
    Only the figures the venue's case can use may be given, and they must be
    enough to produce a price: a quote that cannot is refused when it is made.
    """

    day: date = attrs.field(validator=plain_date)
    venue: Venue = enum_field(Venue, default=Venue.NASDAQ, clause="Section 1")
    close: Fraction | None = attrs.field(
        default=None, converter=OPTIONAL_POSITIVE, metadata=clause("Section 1")
    )
    bid: Fraction | None = attrs.field(default=None, converter=OPTIONAL_POSITIVE)
    ask: Fraction | None = attrs.field(default=None, converter=OPTIONAL_POSITIVE)
    dealer_quotes: tuple[DealerQuote, ...] = attrs.field(default=(), converter=_dealer_tuple)
    board: BoardDetermination | None = None
    # The rule is applied once, when the quote is made: FMV lookups stay cheap.
    closing: ClosingPrice = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "closing", self._apply_rule())

    def closing_price(self) -> ClosingPrice:
        """The day's closing price under Section 1, with the rule used."""
        return self.closing

    def _apply_rule(self) -> ClosingPrice:
        if (self.bid is None) != (self.ask is None):
            given = "bid" if self.bid is not None else "ask"
            raise PriceDataError(
                f"a closing {given} without its pair: the rule takes the mean of both",
                field=given,
                clause="Section 1",
            )
        if self.venue is Venue.NONE:
            return self._case_iii()
        if self.board is not None:
            raise PriceDataError(
                f"a Board determination applies only when the stock is not traded on Nasdaq "
                f"(venue 'none'), not on venue '{self.venue.value}'",
                field="board",
                clause="Section 1(iii)",
            )
        if self.venue is Venue.EXCHANGE:
            return self._case_i()
        return self._case_ii()

    def _mean_bid_ask(self) -> Fraction | None:
        if self.bid is None or self.ask is None:
            return None
        return (self.bid + self.ask) / 2

    def _priced(self, price: Fraction, rule: ClosingRule) -> ClosingPrice:
        return ClosingPrice(day=self.day, price=price, rule=rule, venue=self.venue)

    def _case_i(self) -> ClosingPrice:
        if self.dealer_quotes:
            raise PriceDataError(
                "dealer quotes are a case (ii) fallback; an exchange-listed day uses sales or "
                "bid/asked",
                field="dealer_quotes",
                clause="Section 1(i)",
            )
        if self.close is not None:
            return self._priced(self.close, ClosingRule.EXCHANGE_LAST_SALE)
        mean = self._mean_bid_ask()
        if mean is None:
            raise PriceDataError(
                "no sale and no closing bid and asked", field="close", clause="Section 1(i)"
            )
        return self._priced(mean, ClosingRule.EXCHANGE_BID_ASK)

    def _case_ii(self) -> ClosingPrice:
        if self.close is not None:
            return self._priced(self.close, ClosingRule.NASDAQ_CLOSE)
        mean = self._mean_bid_ask()
        if mean is not None:
            return self._priced(mean, ClosingRule.NASDAQ_BID_ASK)
        if len(self.dealer_quotes) != 2:
            raise PriceDataError(
                "no closing price, no closing bid and asked, and not exactly two NASD "
                f"members' prices (got {len(self.dealer_quotes)})",
                field="close",
                clause="Section 1(ii)",
            )
        first, second = self.dealer_quotes
        return self._priced((first.price + second.price) / 2, ClosingRule.DEALER_QUOTES)

    def _case_iii(self) -> ClosingPrice:
        reported = [
            name
            for name, value in (
                ("close", self.close),
                ("bid", self.bid),
                ("dealer_quotes", self.dealer_quotes),
            )
            if value
        ]
        if reported:
            raise PriceDataError(
                "a stock not traded on Nasdaq has no reported prices; its value is the "
                f"Board's determination alone (remove {', '.join(reported)})",
                field=reported[0],
                clause="Section 1(iii)",
            )
        if self.board is None:
            raise PriceDataError(
                "the stock is not traded on Nasdaq: a Board determination is required",
                field="board",
                clause="Section 1(iii)",
            )
        return self._priced(self.board.value, ClosingRule.BOARD)


def describe(price: ClosingPrice) -> str:
    """One line for people: ``2004-06-10  1.23  Section 1(ii): reported closing price``."""
    return f"{price.day.isoformat()}  {exact_str(price.price)}  {price.rule.value}"
