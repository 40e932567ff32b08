"""Price files (SPEC §10): ``PriceHistory.from_csv`` and its errors.

Every error must name the file, the line and the column.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from pathlib import Path

import pytest

from warrant.ground.errors import NotATradingDay, PriceDataError, WarrantError
from warrant.market.closing_prices import ClosingRule, Venue
from warrant.market.price_history import PriceHistory

F = Fraction


def write(tmp_path: Path, text: str, name: str = "prices.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def load_error(path: Path) -> WarrantError:
    with pytest.raises(WarrantError) as caught:
        PriceHistory.from_csv(path)
    return caught.value


def assert_located(error: WarrantError, path: Path, line: int, field: str) -> None:
    text = str(error)
    assert str(path) in text, text
    assert f"line {line}" in text, text
    assert f"'{field}'" in text, text
    assert error.field == field
    assert error.where is not None
    assert str(path) in error.where
    assert f"line {line}" in error.where


# -- headers that load ---------------------------------------------------------------


def test_spec_10_close_only(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close\n2004-06-09,1.33\n2004-06-10,1.39\n")
    history = PriceHistory.from_csv(path)
    assert list(history) == [date(2004, 6, 9), date(2004, 6, 10)]
    assert history[date(2004, 6, 10)].closing_price().price == F(139, 100)
    assert history[date(2004, 6, 10)].venue is Venue.NASDAQ  # the default


def test_spec_10_path_as_text(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close\n2004-06-10,1.39\n")
    assert len(PriceHistory.from_csv(str(path))) == 1


def test_spec_10_bid_and_ask_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "date,bid,ask\n2004-06-10,1.28,1.33\n")
    closing = PriceHistory.from_csv(path)[date(2004, 6, 10)].closing_price()
    assert closing.price == (F(128, 100) + F(133, 100)) / 2
    assert closing.rule is ClosingRule.NASDAQ_BID_ASK


def test_spec_10_venue_column_selects_the_case(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "date,close,bid,ask,venue\n"
        "2006-07-31,2.05,,,nasdaq\n"
        "2006-08-01,2.15,,,exchange\n"
        "2006-08-02,,2.11,2.13,exchange\n",
    )
    history = PriceHistory.from_csv(path)
    rules = [history[day].closing_price().rule for day in history]
    assert rules == [
        ClosingRule.NASDAQ_CLOSE,
        ClosingRule.EXCHANGE_LAST_SALE,
        ClosingRule.EXCHANGE_BID_ASK,
    ]
    assert history[date(2006, 8, 2)].closing_price().price == F(212, 100)


def test_spec_10_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close\n2004-06-10,1.39\n", encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    history = PriceHistory.from_csv(path)
    assert history[date(2004, 6, 10)].closing_price().price == F(139, 100)


def test_spec_10_windows_line_endings_and_spaces(tmp_path: Path) -> None:
    path = write(tmp_path, "date , close\r\n 2004-06-10 , 1.39 \r\n")
    assert PriceHistory.from_csv(path)[date(2004, 6, 10)].close == F(139, 100)


def test_spec_10_column_order_does_not_matter(tmp_path: Path) -> None:
    path = write(tmp_path, "venue,close,date\nexchange,1.39,2004-06-10\n")
    quote = PriceHistory.from_csv(path)[date(2004, 6, 10)]
    assert quote.venue is Venue.EXCHANGE
    assert quote.close == F(139, 100)


def test_spec_10_decimal_text_is_exact(tmp_path: Path) -> None:
    # "1.25" and "0.1" look like floats but are read exactly.
    path = write(tmp_path, "date,close\n2004-06-09,1.25\n2004-06-10,0.1\n")
    history = PriceHistory.from_csv(path)
    assert history[date(2004, 6, 9)].close == F(5, 4)
    assert history[date(2004, 6, 10)].close == F(1, 10)
    assert history[date(2004, 6, 10)].close != Fraction(0.1)


def test_spec_10_dealer_quotes_column(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close,dealer_quotes\n2004-06-10,,1.20;1.24\n")
    closing = PriceHistory.from_csv(path)[date(2004, 6, 10)].closing_price()
    assert closing.price == (F(120, 100) + F(124, 100)) / 2
    assert closing.rule is ClosingRule.DEALER_QUOTES


def test_spec_10_board_row_with_who_and_when(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "date,venue,board_value,determined_by,determined_on\n"
        "2004-06-10,none,1.45,Board meeting,2004-06-20\n",
    )
    quote = PriceHistory.from_csv(path)[date(2004, 6, 10)]
    assert quote.closing_price().price == F(145, 100)
    assert quote.closing_price().rule is ClosingRule.BOARD
    assert quote.board is not None
    assert quote.board.determined_by == "Board meeting"
    assert quote.board.determined_on == date(2004, 6, 20)


def test_spec_10_blank_lines_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close\n\n2004-06-09,1.33\n\n2004-06-10,1.39\n")
    assert len(PriceHistory.from_csv(path)) == 2


def test_spec_10_header_only_is_an_empty_history(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close\n")
    assert len(PriceHistory.from_csv(path)) == 0


# -- bad rows: file, line and column named ----------------------------------------------


def test_spec_10_bad_number(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close\n2004-06-09,1.33\n2004-06-10,1.3x\n")
    error = load_error(path)
    assert "not an exact number" in str(error)
    assert_located(error, path, 3, "close")
    assert "1.3x" in str(error)


def test_spec_10_comma_decimal_refused(tmp_path: Path) -> None:
    path = write(tmp_path, 'date,close\n2004-06-10,"1,5"\n')
    assert_located(load_error(path), path, 2, "close")


@pytest.mark.parametrize("price", ["-1.25", "0"])
def test_spec_10_negative_or_zero_price(tmp_path: Path, price: str) -> None:
    path = write(tmp_path, f"date,close\n2004-06-10,{price}\n")
    error = load_error(path)
    assert_located(error, path, 2, "close")
    assert "greater than zero" in str(error)


def test_spec_10_negative_bid(tmp_path: Path) -> None:
    path = write(tmp_path, "date,bid,ask\n2004-06-09,1.20,1.25\n2004-06-10,-1.20,1.25\n")
    assert_located(load_error(path), path, 3, "bid")


def test_spec_10_bid_without_ask(tmp_path: Path) -> None:
    path = write(tmp_path, "date,bid,ask\n2004-06-10,1.20,\n")
    assert_located(load_error(path), path, 2, "bid")


def test_spec_10_row_without_any_price(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close\n2004-06-09,1.33\n2004-06-10,\n")
    assert_located(load_error(path), path, 3, "close")


def test_spec_10_missing_date(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close\n2004-06-09,1.33\n,1.39\n")
    assert_located(load_error(path), path, 3, "date")


@pytest.mark.parametrize("bad", ["2004-13-01", "10/06/2004", "2004-06-31", "yesterday"])
def test_spec_10_bad_date(tmp_path: Path, bad: str) -> None:
    path = write(tmp_path, f"date,close\n{bad},1.39\n")
    error = load_error(path)
    assert_located(error, path, 2, "date")
    assert bad in str(error)


def test_spec_10_unknown_venue(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close,venue\n2004-06-09,1.33,nasdaq\n2004-06-10,1.39,nyse\n")
    error = load_error(path)
    assert isinstance(error, PriceDataError)
    assert_located(error, path, 3, "venue")
    assert "nyse" in str(error)


def test_spec_10_unknown_column(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close,volume\n2004-06-10,1.39,1000\n")
    error = load_error(path)
    assert isinstance(error, PriceDataError)
    assert_located(error, path, 1, "volume")


def test_spec_10_no_date_column(tmp_path: Path) -> None:
    path = write(tmp_path, "day,close\n2004-06-10,1.39\n")
    error = load_error(path)
    assert isinstance(error, PriceDataError)
    assert_located(error, path, 1, "date")


def test_spec_10_no_price_column(tmp_path: Path) -> None:
    path = write(tmp_path, "date,venue\n2004-06-10,nasdaq\n")
    error = load_error(path)
    assert isinstance(error, PriceDataError)
    assert str(path) in str(error)
    assert "line 1" in str(error)
    assert "price column" in str(error)


def test_spec_10_extra_cells(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close\n2004-06-09,1.33\n2004-06-10,1.39,1.40\n")
    error = load_error(path)
    assert isinstance(error, PriceDataError)
    assert str(path) in str(error)
    assert "line 3" in str(error)
    assert "more cells" in str(error)


def test_spec_10_row_on_a_non_trading_day(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close\n2004-06-10,1.39\n2004-06-11,1.40\n")
    error = load_error(path)
    assert isinstance(error, NotATradingDay)
    assert_located(error, path, 3, "date")
    assert "2004-06-11" in str(error)


def test_spec_10_row_on_a_saturday(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close\n2004-06-12,1.40\n")
    error = load_error(path)
    assert isinstance(error, NotATradingDay)
    assert_located(error, path, 2, "date")


def test_spec_10_duplicate_date_reports_the_second_line(tmp_path: Path) -> None:
    path = write(
        tmp_path, "date,close\n2004-06-08,1.49\n2004-06-09,1.33\n2004-06-10,1.39\n2004-06-09,1.34\n"
    )
    error = load_error(path)
    assert isinstance(error, PriceDataError)
    assert_located(error, path, 5, "date")
    assert "2004-06-09" in str(error)


def test_spec_10_line_numbers_count_blank_lines(tmp_path: Path) -> None:
    # The reported line is the physical line in the file, blank lines included.
    path = write(tmp_path, "date,close\n2004-06-09,1.33\n\n\n2004-06-10,abc\n")
    assert_located(load_error(path), path, 5, "close")


def test_spec_10_board_row_needs_determined_by(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "date,venue,board_value,determined_by,determined_on\n2004-06-10,none,1.45,,2004-06-20\n",
    )
    error = load_error(path)
    assert_located(error, path, 2, "determined_by")
    assert error.clause == "Section 1(iii)"


def test_spec_10_board_row_needs_determined_on(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "date,venue,board_value,determined_by,determined_on\n2004-06-10,none,1.45,Board meeting,\n",
    )
    error = load_error(path)
    assert_located(error, path, 2, "determined_on")
    assert error.clause == "Section 1(iii)"


def test_spec_10_board_row_without_the_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "date,venue,board_value\n2004-06-10,none,1.45\n")
    assert_located(load_error(path), path, 2, "determined_by")


def test_spec_10_board_row_bad_determined_on(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "date,venue,board_value,determined_by,determined_on\n"
        "2004-06-10,none,1.45,Board meeting,June 20\n",
    )
    assert_located(load_error(path), path, 2, "determined_on")


def test_spec_10_board_value_on_a_nasdaq_row(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "date,close,venue,board_value,determined_by,determined_on\n"
        "2004-06-10,1.39,nasdaq,1.45,Board meeting,2004-06-20\n",
    )
    assert_located(load_error(path), path, 2, "board")


def test_spec_10_close_on_a_none_row(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close,venue\n2004-06-10,1.39,none\n")
    assert_located(load_error(path), path, 2, "close")


def test_spec_10_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    error = load_error(path)
    assert isinstance(error, PriceDataError)
    assert_located(error, path, 1, "date")


def test_spec_10_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "no-such-prices.csv"
    error = load_error(path)
    assert isinstance(error, PriceDataError)
    assert str(path) in str(error)
    assert error.where == str(path)


def test_spec_10_directory_instead_of_file(tmp_path: Path) -> None:
    error = load_error(tmp_path)
    assert isinstance(error, PriceDataError)
    assert str(tmp_path) in str(error)


def test_spec_10_non_utf8_file_is_a_price_data_error(tmp_path: Path) -> None:
    text = "date,close,venue\n2004-06-10,1.39,n\xe4sdaq\n"
    path = write(tmp_path, text, encoding="latin-1")
    error = load_error(path)
    assert isinstance(error, PriceDataError)
    assert str(path) in str(error)


def test_spec_10_repeated_column_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close,close\n2004-06-10,1.39,9.99\n")
    error = load_error(path)
    assert_located(error, path, 1, "close")
