"""A price history: one quote per trading day, checked against a trading calendar.

Loaded from CSV (SPEC §10) or built from :class:`~warrant.market.closing_prices.Quote` values.
Every quote must fall on a trading day of the history's calendar: a price dated
on a day the market was closed is a data error, not something to average.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path

from warrant.ground import input_files
from warrant.ground.dates import parse_date, require_date
from warrant.ground.errors import NotATradingDay, PriceDataError, WarrantError
from warrant.ground.exact import exact_str
from warrant.market.calendars import DEFAULT_TRADING_CALENDAR, TradingCalendar
from warrant.market.closing_prices import BoardDetermination, DealerQuote, Quote, Venue

#: The CSV columns the loader understands; ``date`` and one price column are required.
CSV_COLUMNS = (
    "date",
    "close",
    "bid",
    "ask",
    "venue",
    "dealer_quotes",
    "board_value",
    "determined_by",
    "determined_on",
)
_PRICE_COLUMNS = ("close", "bid", "ask", "dealer_quotes", "board_value")


class PriceHistory(Mapping[date, Quote]):
    """Quotes by trading day.  Immutable once built; a mapping from date to :class:`Quote`."""

    __slots__ = ("_by_day", "calendar")

    def __init__(
        self, quotes: Iterable[Quote], *, calendar: TradingCalendar | None = None
    ) -> None:
        self.calendar: TradingCalendar = calendar or DEFAULT_TRADING_CALENDAR
        by_day: dict[date, Quote] = {}
        for quote in quotes:
            _admit(quote, by_day, self.calendar)
        self._by_day = dict(sorted(by_day.items()))

    @classmethod
    def from_csv(
        cls, path: str | Path, *, calendar: TradingCalendar | None = None
    ) -> PriceHistory:
        """Load a CSV file; any bad row is an error naming the file, line and column."""
        path = Path(path)
        if "\x00" in str(path):  # the operating system cannot open such a name
            raise PriceDataError(
                "cannot read price file: its path contains a NUL character", field="csv"
            )
        text = input_files.read_text(
            path, error=PriceDataError, what="price file", limit=input_files.MAX_CSV_BYTES
        )
        return cls.from_rows(io.StringIO(text, newline=""), source=str(path), calendar=calendar)

    @classmethod
    def from_rows(
        cls,
        lines: Iterable[str],
        *,
        source: str = "<prices>",
        calendar: TradingCalendar | None = None,
    ) -> PriceHistory:
        """Parse CSV text (an open file or a list of lines)."""
        reader = csv.DictReader(lines)
        try:
            header = [name.strip() for name in reader.fieldnames or ()]
        except csv.Error as error:
            raise PriceDataError(f"malformed CSV: {error}", where=f"{source}, line 1") from None
        _check_header(header, source)
        reader.fieldnames = header
        history = cls((), calendar=calendar)
        by_day: dict[date, Quote] = {}
        first_line: dict[date, int] = {}
        rows = iter(reader)
        while True:
            try:
                row = next(rows)
            except StopIteration:
                break
            except csv.Error as error:
                # line_num still counts the last good line; the bad one follows it
                raise PriceDataError(
                    f"malformed CSV: {error}", where=f"{source}, line {reader.line_num + 1}"
                ) from None
            try:
                quote = quote_from_mapping(row)
                if quote.day in first_line:
                    raise PriceDataError(
                        f"a second price for {quote.day.isoformat()} (the first is on line "
                        f"{first_line[quote.day]})",
                        field="date",
                        clause="Section 1",
                    )
                _admit(quote, by_day, history.calendar)
            except WarrantError as error:
                raise error.located(f"{source}, line {reader.line_num}") from None
            first_line[quote.day] = reader.line_num
        history._by_day = dict(sorted(by_day.items()))
        return history

    def __getitem__(self, day: date) -> Quote:
        return self._by_day[day]

    def __iter__(self) -> Iterator[date]:
        return iter(self._by_day)

    def __len__(self) -> int:
        return len(self._by_day)

    def __contains__(self, day: object) -> bool:
        return day in self._by_day

    def __repr__(self) -> str:
        if not self._by_day:
            return "PriceHistory(<empty>)"
        days = list(self._by_day)
        return f"PriceHistory({len(days)} quotes, {days[0]} .. {days[-1]})"


def _admit(quote: Quote, by_day: dict[date, Quote], calendar: TradingCalendar) -> None:
    """Add one quote, refusing a second quote for its day or a day the market was shut."""
    if quote.day in by_day:
        raise PriceDataError(
            f"a second price for {quote.day.isoformat()}", field="date", clause="Section 1"
        )
    if not calendar.is_trading_day(quote.day):
        raise NotATradingDay(
            f"a price is dated {quote.day.isoformat()} ({quote.day:%A}), "
            "which is not a trading day",
            field="date",
            clause="Section 1",
        )
    by_day[quote.day] = quote


def _check_header(header: list[str], source: str) -> None:
    if not header:
        raise PriceDataError(
            "the file is empty: expected a header row (date, close, ...)",
            field="date",
            where=f"{source}, line 1",
        )
    if "" in header:
        raise PriceDataError(
            "the header has an empty column name (a trailing comma?)", where=f"{source}, line 1"
        )
    counts = Counter(header)
    repeated = sorted(name for name, count in counts.items() if count > 1)
    if repeated:
        raise PriceDataError(
            f"column(s) {_some(repeated)} appear more than once",
            field=repeated[0],
            where=f"{source}, line 1",
        )
    if "date" not in header:
        raise PriceDataError(
            "the header has no 'date' column", field="date", where=f"{source}, line 1"
        )
    unknown = [name for name in header if name not in CSV_COLUMNS]
    if unknown:
        raise PriceDataError(
            f"unknown column(s) {_some(unknown)}; known: {', '.join(CSV_COLUMNS)}",
            field=unknown[0],
            where=f"{source}, line 1",
        )
    if not any(name in header for name in _PRICE_COLUMNS):
        raise PriceDataError(
            "the header has no price column (close, bid, ask, ...)",
            field="close",
            where=f"{source}, line 1",
        )


def _some(names: list[str], shown: int = 5) -> str:
    """The first few names, and how many more (a header may have thousands of columns)."""
    listed = ", ".join(names[:shown])
    return listed if len(names) <= shown else f"{listed} and {len(names) - shown:,} more"


def _cell(row: Mapping[str | None, object], name: str) -> object:
    """A cell's value, with blank text read as absent."""
    value = row.get(name)
    if isinstance(value, str):
        value = value.strip()
    return None if value in (None, "") else value


def _day(value: object, field: str) -> date:
    return (
        parse_date(value, field=field)
        if isinstance(value, str)
        else require_date(value, field=field)
    )


def quote_from_mapping(row: Mapping[str | None, object]) -> Quote:
    """One quote from a CSV row or an inline ``[[prices.quote]]`` table (same keys)."""
    if None in row:  # csv puts surplus cells under the key None
        raise PriceDataError("more cells than header columns", field="row")
    unknown = sorted(str(key) for key in row if key not in CSV_COLUMNS)
    if unknown:
        raise PriceDataError(
            f"unknown key(s) {', '.join(unknown)}; known: {', '.join(CSV_COLUMNS)}",
            field=unknown[0],
        )
    day_value = _cell(row, "date")
    if day_value is None:
        raise PriceDataError("missing", field="date")
    day = _day(day_value, "date")
    venue_text = str(_cell(row, "venue") or Venue.NASDAQ.value)
    try:
        venue = Venue(venue_text)
    except ValueError:
        known = ", ".join(v.value for v in Venue)
        raise PriceDataError(
            f"unknown venue {venue_text!r} (known: {known})", field="venue"
        ) from None
    board = None
    board_value = _cell(row, "board_value")
    if board_value is not None:
        determined_by = _cell(row, "determined_by")
        determined_on = _cell(row, "determined_on")
        if determined_by is None or determined_on is None:
            raise PriceDataError(
                "a Board determination must say who made it and when",
                field="determined_by" if determined_by is None else "determined_on",
                clause="Section 1(iii)",
            )
        board = BoardDetermination(
            value=board_value,
            determined_by=str(determined_by),
            determined_on=_day(determined_on, "determined_on"),
        )
    dealers: list[DealerQuote] = []
    dealer_text = _cell(row, "dealer_quotes")
    if dealer_text is not None:
        for position, price in enumerate(str(dealer_text).split(";"), start=1):
            dealers.append(DealerQuote(dealer=f"member {position}", price=price.strip()))
    return Quote(
        day=day,
        venue=venue,
        close=_cell(row, "close"),
        bid=_cell(row, "bid"),
        ask=_cell(row, "ask"),
        dealer_quotes=tuple(dealers),
        board=board,
    )


def quote_to_mapping(quote: Quote) -> dict[str, object]:
    """The inverse of :func:`quote_from_mapping`: the keys a scenario file writes."""
    row: dict[str, object] = {"date": quote.day, "venue": quote.venue.value}
    for name in ("close", "bid", "ask"):
        value = getattr(quote, name)
        if value is not None:
            row[name] = exact_str(value)
    if quote.dealer_quotes:
        row["dealer_quotes"] = ";".join(exact_str(d.price) for d in quote.dealer_quotes)
    if quote.board is not None:
        row["board_value"] = exact_str(quote.board.value)
        row["determined_by"] = quote.board.determined_by
        row["determined_on"] = quote.board.determined_on
    return row
