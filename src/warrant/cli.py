"""The ``warrant`` command line (SPEC §10).

Bad input never shows a traceback: the command prints one line naming the file,
line or event, the field and the clause, and exits with status 2.

Why this module is long: one sub-command parser per command of SPEC §10, each a few
lines that load, call and print; the work is in the modules they call.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from warrant.ground.dates import parse_date
from warrant.ground.errors import InvalidValue, WarrantError, one_line

if TYPE_CHECKING:
    from warrant.register.holder_events import WarrantExercise

#: the distribution's name on the package index (the import package and the command are
#: ``warrant``; an unrelated distribution holds that name on the index)
DISTRIBUTION = "warrant-antidilution"

EXIT_OK = 0
EXIT_DISAGREES = 1  # the answer is no: verify (a figure disagrees), consent, notices
EXIT_NO = EXIT_DISAGREES
EXIT_BAD_INPUT = 2

#: what each sub-command's exit status means, shown under its --help
_ALWAYS_0 = "exit status: 0 the answer was printed; 2 bad input (one line naming the file)"
_EXITS = {
    "verify": "exit status: 0 every stated figure agrees; 1 one does not; 2 bad input",
    "consent": "exit status: 0 the signers hold the Section 11 majority; 1 they do not; "
    "2 bad input",
    "notices": "exit status: 0 no notice was mailed late; 1 a notice was mailed late; "
    "2 bad input",
    "exchange": "exit status: 0 the verdict was printed, whether or not the exchange triggers "
    "an adjustment; 2 bad input",
}


class UsageError(Exception):
    """The command line itself was malformed."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, no usage dump
        # argparse quotes the argument as given: escaped and shortened like every message
        raise UsageError(one_line(f"warrant: {message} (see '{self.prog} --help')"))


def _json_text(data: object) -> str:
    """``data`` as indented JSON (the ``json`` module loaded only by a ``--json`` run)."""
    import json

    return json.dumps(data, indent=2)


def _version() -> str:
    """The installed distribution's version (read only when ``--version`` is given)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


class _VersionAction(argparse._VersionAction):
    """``--version``: the distribution's metadata is read only when it is asked for (loading
    ``importlib.metadata`` would cost every command some 30 ms)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        self.version = f"warrant {_version()}"
        super().__call__(parser, namespace, values, option_string)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="warrant",
        description="Exact anti-dilution adjustments of the 2002 lender warrant.",
    )
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, help: str, description: str = "") -> argparse.ArgumentParser:
        """A sub-command whose --help says what it does and what its exit status means."""
        return commands.add_parser(
            name,
            help=help,
            description=description or help[0].upper() + help[1:] + ".",
            epilog=_EXITS.get(name, _ALWAYS_0),
        )

    fmv = command(
        "fmv", help="Fair Market Value on a date: mean of the 5 trading days before it"
    )
    fmv.add_argument(
        "prices", metavar="PRICES", help="CSV file of daily prices (date, close, bid, ask, venue)"
    )
    fmv.add_argument(
        "date", metavar="DATE", help="the date (YYYY-MM-DD); the five trading days before it count"
    )
    fmv.add_argument("--json", action="store_true", help="print JSON, quantities as exact strings")
    fmv.set_defaults(run=_run_fmv)

    replay = command(
        "replay", help="the adjustment history of a scenario, and the price and shares in force"
    )
    replay.add_argument("scenario", metavar="SCENARIO", help="scenario file (.toml or .json)")
    replay.add_argument("--json", action="store_true", help="print the SPEC §10 JSON object")
    replay.add_argument(
        "--as-of",
        dest="as_of",
        help="apply only events in force on or before this date (a record date counts)",
    )
    replay.set_defaults(run=_run_replay)

    cert = command(
        "certificate",
        "the 4.G certificate of one adjustment",
        "The 4.G certificate of one adjustment: (a) the consideration, (b) the shares "
        "outstanding, (c) and (d) the Exercise Price before and after, the facts and the "
        "arithmetic; money to the cent, whole shares as whole numbers, the reading spelled out.",
    )
    cert.add_argument("scenario", metavar="SCENARIO", help="scenario file (.toml or .json)")
    which = cert.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--adjustment", type=_whole, help="the adjustment's sequence, as replay shows it"
    )
    which.add_argument("--event", help="the event's id, or its 0-based position")
    cert.add_argument("--clause", help="which of an event's adjustments, where it made two")
    cert.add_argument(
        "--format", choices=("md", "text", "html", "json"), default="text",
        help="md (Markdown), text, html (one printable page) or json; default: text"
    )
    cert.add_argument("--json", action="store_true", help="the same as --format json")
    cert.add_argument(
        "--places", type=_places, default=4,
        help="decimals of the prices shown for people (default 4); money is to the cent, "
        "shares whole where whole",
    )
    cert.add_argument("--warrant", help="the warrant of the series whose shares to state")
    cert.set_defaults(run=_run_certificate)

    exchange = command(
        "exchange",
        help="the option exchange check: does the scenario's [exchange] adjust the warrant?",
    )
    exchange.add_argument(
        "scenario",
        metavar="SCENARIO",
        help="scenario file (.toml or .json) with an [exchange] table",
    )
    exchange.add_argument("--json", action="store_true", help="print the exchange object")
    exchange.set_defaults(run=_run_exchange)

    readings = command(
        "readings", help="the price and shares in force under every reading, side by side"
    )
    readings.add_argument("scenario", metavar="SCENARIO", help="scenario file (.toml or .json)")
    readings.add_argument("--json", action="store_true", help="print the results as JSON")
    readings.set_defaults(run=_run_readings)

    exercise = command(
        "exercise", help="price a holder's exercise (Section 1) without recording it"
    )
    exercise.add_argument("scenario", metavar="SCENARIO", help="scenario file (.toml or .json)")
    exercise.add_argument("--warrant", required=True, help="the warrant's id in the series")
    exercise.add_argument(
        "--received", required=True, help="the day the warrant and form are received (YYYY-MM-DD)"
    )
    exercise.add_argument(
        "--received-at", dest="received_at",
        help="the instant received, with its UTC offset (2004-06-14T10:00:00-08:00)",
    )
    exercise.add_argument("--shares", help="shares exercised (default: all, fractions included)")
    exercise.add_argument("--cash", default="0", help="paid in cash or by check")
    exercise.add_argument("--debt", default="0", help="paid by cancelling indebtedness")
    exercise.add_argument(
        "--net", action="store_true", help="pay the rest by net issuance (shares withheld)"
    )
    exercise.add_argument(
        "--remainder-id", dest="remainder_id", help="id of the new warrant for the rest"
    )
    exercise.add_argument("--json", action="store_true", help="print the exercise object")
    exercise.set_defaults(run=_run_exercise)

    consent = command(
        "consent", help="do the signers hold the Section 11 majority of the Warrants?"
    )
    consent.add_argument("scenario", metavar="SCENARIO", help="scenario file (.toml or .json)")
    consent.add_argument("--as-of", dest="as_of", required=True, help="the date (YYYY-MM-DD)")
    consent.add_argument(
        "--signed", action="append", required=True, metavar="ID",
        help="a warrant id or a holder's name (repeat for each signer)",
    )
    consent.add_argument("--json", action="store_true", help="print the consent object")
    consent.set_defaults(run=_run_consent)

    demo = command(
        "demo", help="the 2003 option exchange against the 2002 warrant, from the packaged example"
    )
    demo.add_argument("--json", action="store_true", help="print the exchange object")
    demo.set_defaults(run=_run_demo)

    ocf = command(
        "import-ocf", help="a scenario from an Open Cap Format package plus what OCF cannot say"
    )
    ocf.add_argument(
        "package",
        metavar="PACKAGE",
        help="OCF 1.2.0 package: a folder with Manifest.ocf.json, or a .ocf.zip",
    )
    ocf.add_argument("--overlay", required=True, help="overlay TOML (docs/ocf.md)")
    ocf.add_argument(
        "-o", "--output", help="write the scenario here (.toml or .json); default stdout"
    )
    ocf.add_argument("--report-json", dest="report_json", help="also write the report as JSON here")
    ocf.add_argument("--json", action="store_true", help="print the report as JSON")
    ocf.add_argument(
        "--check-schema",
        dest="check_schema",
        action="store_true",
        help="validate every item against the OCF 1.2.0 schema "
        "(extra: warrant-antidilution[ocf-schema])",
    )
    ocf.set_defaults(run=_run_import_ocf)

    verify = command(
        "verify", help="counsel's verdict on a certificate, figure by figure (exit 1: disagrees)"
    )
    verify.add_argument(
        "scenario", metavar="SCENARIO", help="scenario file (.toml or .json): the facts"
    )
    verify.add_argument(
        "certificate", metavar="CERTIFICATE", help="certificate file (.toml or .json) as typed"
    )
    verify.add_argument("--json", action="store_true", help="print the verdict as JSON")
    verify.add_argument(
        "--all-readings", dest="all_readings", action="store_true",
        help="try every reading even when the scenario's own reproduces the certificate",
    )
    verify.set_defaults(run=_run_verify)

    notices = command(
        "notices", help="the 4.H notices: the date each names, the last day to mail it, late ones"
    )
    notices.add_argument("scenario", metavar="SCENARIO", help="scenario file (.toml or .json)")
    notices.add_argument("--json", action="store_true", help="print the notices as a JSON list")
    notices.set_defaults(run=_run_notices)
    return parser


def _run_exchange(args: argparse.Namespace) -> int:
    from warrant.analyses.exchange import check_exchange
    from warrant.files.exchange_output import exchange_text, exchange_to_json
    from warrant.files.scenario_files import load_scenario

    scenario = load_scenario(args.scenario)
    try:
        verdict = check_exchange(scenario)
    except WarrantError as error:
        raise error.located(args.scenario) from None
    print(_json_text(exchange_to_json(verdict)) if args.json else exchange_text(verdict))
    return EXIT_OK  # whether or not it triggers


def _run_readings(args: argparse.Namespace) -> int:
    from warrant.analyses.readings_side_by_side import readings_side_by_side
    from warrant.files.exchange_output import readings_text, readings_to_json
    from warrant.files.scenario_files import load_scenario

    scenario = load_scenario(args.scenario)
    try:
        side = readings_side_by_side(scenario)
    except WarrantError as error:
        raise error.located(args.scenario) from None
    print(_json_text(readings_to_json(side)) if args.json else readings_text(side))
    return EXIT_OK


def _run_demo(args: argparse.Namespace) -> int:
    from warrant.files.demo_output import demo_json, demo_text
    from warrant.files.packaged import run_demo

    demo = run_demo()
    print(_json_text(demo_json(demo)) if args.json else demo_text(demo))
    return EXIT_OK


def _exercise_event(args: argparse.Namespace) -> WarrantExercise:
    """The exercise the options describe; a bad value names its option."""
    import datetime as dt

    from warrant.register.holder_events import WarrantExercise

    day = parse_date(args.received, field="--received")
    at: dt.datetime | None = None
    if args.received_at is not None:
        try:
            at = dt.datetime.fromisoformat(args.received_at.strip())
        except ValueError:
            raise InvalidValue(
                f"not a date and time in ISO form: {args.received_at!r}", field="--received-at"
            ) from None
    try:
        return WarrantExercise(
            date=day, warrant=args.warrant, shares=args.shares, received_at=at, cash=args.cash,
            debt=args.debt, net=args.net, remainder_id=args.remainder_id,
        )
    except WarrantError as error:
        option = f"--{(error.field or 'warrant').replace('_', '-')}"
        if option == "--date":
            option = "--received"
        raise type(error)(error.message, field=option, clause=error.clause) from None


def _run_exercise(args: argparse.Namespace) -> int:
    from warrant.analyses.replay import check_as_of, replay
    from warrant.files.holder_json import settlement_json
    from warrant.files.holder_text import exercise_text
    from warrant.files.scenario_files import load_scenario

    event = _exercise_event(args)
    scenario = load_scenario(args.scenario)
    check_as_of(event.date, scenario.terms, field="--received")
    try:
        ledger = replay(scenario, as_of=event.date).ledger
        settled = ledger.price_exercise(event)
    except WarrantError as error:
        raise error.located(args.scenario) from None
    print(_json_text(settlement_json(settled)) if args.json else exercise_text(settled))
    return EXIT_OK


def _run_consent(args: argparse.Namespace) -> int:
    from warrant.analyses.replay import check_as_of, replay
    from warrant.files.holder_json import consent_json
    from warrant.files.holder_text import consent_text
    from warrant.files.scenario_files import load_scenario

    as_of = parse_date(args.as_of, field="--as-of")
    scenario = load_scenario(args.scenario)
    check_as_of(as_of, scenario.terms, field="--as-of")
    try:
        ledger = replay(scenario, as_of=as_of).ledger
        count = ledger.consent(args.signed, as_of=as_of)
    except WarrantError as error:
        raise error.located(args.scenario) from None
    print(_json_text(consent_json(count)) if args.json else consent_text(count))
    return EXIT_OK if count.majority else EXIT_NO


#: A sequence or position on the command line has at most this many digits.
_MAX_WHOLE_DIGITS = 18
#: Decimals shown for people (``--places``): far beyond a cent, and bounded, since every
#: figure is written out to that many places.
MAX_PLACES = 100


def _whole(text: str) -> int:
    if not text.isdigit() or len(text) > _MAX_WHOLE_DIGITS:
        raise argparse.ArgumentTypeError(
            f"expected a whole number from 0 of at most {_MAX_WHOLE_DIGITS} digits, "
            f"got {text!r}"
        )
    return int(text)


def _places(text: str) -> int:
    places = _whole(text)
    if places > MAX_PLACES:
        raise argparse.ArgumentTypeError(f"at most {MAX_PLACES} decimals are shown, got {places}")
    return places


def _run_certificate(args: argparse.Namespace) -> int:
    from warrant.analyses.certificates import certificate
    from warrant.files.certificate_output import (
        certificate_html,
        certificate_json,
        certificate_markdown,
        certificate_text,
    )
    from warrant.files.scenario_files import load_scenario

    scenario = load_scenario(args.scenario)
    try:
        cert = certificate(
            scenario, adjustment=args.adjustment, event=args.event, clause=args.clause,
            warrant=args.warrant,
        )
    except WarrantError as error:
        raise error.located(args.scenario) from None
    if args.json or args.format == "json":
        print(_json_text(certificate_json(cert, warrant=args.warrant)))
    elif args.format == "md":
        print(certificate_markdown(cert, places=args.places), end="")
    elif args.format == "html":
        print(certificate_html(cert, places=args.places), end="")
    else:
        print(certificate_text(cert, places=args.places), end="")
    return EXIT_OK


def _run_import_ocf(args: argparse.Namespace) -> int:
    from warrant.files import scenario_files
    from warrant.files.ocf import import_ocf
    from warrant.ground.input_files import write_whole

    result = import_ocf(
        args.package, args.overlay, output=args.output, check_schema=args.check_schema
    )
    report = _json_text(result.report.to_json()) if args.json else result.report.text()
    # Every output is built first, then written whole or not at all (docs/ocf.md).
    outputs: list[tuple[str, str]] = []
    if args.output is not None:
        outputs.append((args.output, scenario_files.scenario_text(result.scenario, args.output)))
    if args.report_json is not None:
        outputs.append((args.report_json, _json_text(result.report.to_json()) + "\n"))
    write_whole(outputs, error=WarrantError)
    if args.output is None:
        print(scenario_files.scenario_to_toml(result.scenario), end="")
        print(report, file=sys.stderr)
    else:
        print(report)
    return EXIT_OK


def _run_replay(args: argparse.Namespace) -> int:
    from warrant.analyses.replay import check_as_of, replay
    from warrant.files.json_output import replay_json
    from warrant.files.scenario_files import load_scenario
    from warrant.files.text_output import replay_table

    as_of = parse_date(args.as_of, field="--as-of") if args.as_of is not None else None
    scenario = load_scenario(args.scenario)
    if as_of is not None:
        check_as_of(as_of, scenario.terms, field="--as-of")
    try:
        result = replay(scenario, as_of=as_of)
    except WarrantError as error:
        raise error.located(args.scenario) from None
    if args.json:
        print(_json_text(replay_json(result)))
    else:
        print(replay_table(result))
    return EXIT_OK


def _run_notices(args: argparse.Namespace) -> int:
    from warrant.analyses.notices import notices
    from warrant.files.notice_output import notices_json, notices_text
    from warrant.files.scenario_files import load_scenario

    found = notices(load_scenario(args.scenario))
    if args.json:
        print(_json_text(notices_json(found)))
    else:
        print(notices_text(found), end="")
    return EXIT_NO if any(notice.on_time is False for notice in found) else EXIT_OK


def _run_verify(args: argparse.Namespace) -> int:
    from warrant.analyses.verify import verify
    from warrant.files.certificate_files import load_certificate
    from warrant.files.scenario_files import load_scenario
    from warrant.files.verification_output import verification_json, verification_text

    scenario = load_scenario(args.scenario)
    stated = load_certificate(args.certificate)
    try:
        result = verify(scenario, stated, all_readings=args.all_readings)
    except WarrantError as error:
        raise error.located(f"{args.scenario} with {args.certificate}") from None
    if args.json:
        print(_json_text(verification_json(result)))
    else:
        print(verification_text(result), end="")
    return EXIT_OK if result.agrees else EXIT_DISAGREES


def _run_fmv(args: argparse.Namespace) -> int:
    from warrant.market.fmv import fair_market_value
    from warrant.market.price_history import PriceHistory

    on = parse_date(args.date, field="DATE")
    prices = PriceHistory.from_csv(args.prices)
    try:
        result = fair_market_value(prices, on)
    except WarrantError as error:
        raise error.located(args.prices) from None
    if args.json:  # each writer loaded only when used
        from warrant.files.json_output import fmv_json

        print(_json_text(fmv_json(result)))
    else:
        from warrant.files.text_output import fmv_text

        print(fmv_text(result))
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = _build_parser().parse_args(argv)
        status: int = args.run(args)
        return status
    except (UsageError, WarrantError) as error:
        print(f"warrant: {error}" if isinstance(error, WarrantError) else error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # the reader (``| head``) went away: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def run() -> NoReturn:
    """Console-script entry point."""
    sys.exit(main())
