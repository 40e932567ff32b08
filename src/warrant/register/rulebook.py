"""The rules for one instrument: which rule decides each kind of event, and what comes first.

The engine knows no clause.  A :class:`Rulebook` is a value — the provisions of
one instrument — handed to the ledger.  Each :class:`Provision` is a base rule
and its labelled exceptions, declared once and in order: the first exception
that applies decides the event, and the base rule decides it when none does.
So a reader sees, in one place::

    issuance: 4.C(1), except 4.C(7), except 4.C(5)(i), except 4.C(5)(ii)

and no rule can forget an exception, because no rule tests for one.  After the
provision has decided, the rulebook's *checks* see what it decided (4.F: an
adjustment that leaves the price below par is flagged).

Rules and exceptions are plain functions of ``(book, event, ref)``.  A rulebook
is declared in ``section4/`` (the 2002 warrant's in
:mod:`warrant.section4.alpha_2002`); the terms name theirs and the ledger finds
it with :func:`rulebook_named`, which imports the declaring module only when
first asked — the one place the engine looks upward, by name.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any, Generic, TypeVar

import attrs

from warrant.ground.errors import DuplicateRule, EventRejected, QuantityTooLarge, UnknownRulebook
from warrant.ground.exact import MAX_DIGITS, too_large_part
from warrant.register.book import Book, Change, then
from warrant.register.events import Event
from warrant.register.records import EventRef

E = TypeVar("E", bound=Event)
#: An exception written for a wider kind (4.C(7) for every event) serves a narrower one.
E_contra = TypeVar("E_contra", bound=Event, contravariant=True)

#: A base rule: decides an event none of its exceptions took.
Rule = Callable[[Book, E, EventRef], Change]


@attrs.frozen
class Noted:
    """An exception that does not apply but whose finding stays on the record.

    ``change`` is made first (its reasons lead the determination; its position is
    the one the rest of the chain starts from), and the rest of the chain decides
    on top of it — e.g. a restructuring financing sold below the 4.C(5)(ii) floor
    is not excluded, but it has claimed the one-time exclusion for its restructuring.
    """

    change: Change


#: An exception's test: a :class:`Change` when it decides the event, :class:`Noted`
#: when it does not apply but leaves a finding, ``None`` when it does not apply.
Test = Callable[[Book, E, EventRef], Change | Noted | None]


@attrs.frozen
class Except(Generic[E_contra]):
    """One labelled exception to a base rule: the clause that makes it, what it covers, its test."""

    clause: str
    covers: str
    test: Test[E_contra] = attrs.field(repr=False)


@attrs.frozen
class Provision(Generic[E]):
    """A base rule for one kind of event, with its exceptions in the order they are tested.

    ``within`` names clauses the base rule applies to part of an event (the
    4.C(5)(iii) carve-out inside a grant, the 4.C(8) record date): listed so the
    reader sees them here too.
    """

    kind: type[E]
    clause: str
    rule: Rule[E] = attrs.field(repr=False)
    exceptions: tuple[Except[E], ...] = ()
    within: tuple[str, ...] = ()

    def describe(self) -> str:
        """One line: ``issuance: 4.C(1), except 4.C(7), except 4.C(5)(i), ...``."""
        parts = [f"{self.kind.TYPE or self.kind.__name__}: {self.clause}"]
        parts.extend(f"except {exception.clause}" for exception in self.exceptions)
        line = ", ".join(parts)
        if self.within:
            line += f" (within it: {', '.join(self.within)})"
        return line

    def decide(self, book: Book, event: E, ref: EventRef) -> Change:
        """The first exception that applies decides; else the base rule does."""
        if event.grant_named is not None:
            # An event of a grant the register never held is bad input under every
            # exception (SPEC §12): 4.C(7) after a reorganisation must not record it.
            book.grant(event.grant_named, clause=self.clause)
        start = book
        prelude: Change | None = None
        for exception in self.exceptions:
            found = exception.test(book, event, ref)
            if found is None:
                continue
            if isinstance(found, Noted):
                prelude = found.change if prelude is None else then(start, prelude, found.change)
                book = start.staged(prelude)
                continue
            return found if prelude is None else then(start, prelude, found)
        decided = self.rule(book, event, ref)
        return decided if prelude is None else then(start, prelude, decided)


#: A check of what a provision decided, made after every provision (4.F): the change as it
#: should stand.  A check that finds nothing returns the change it was given.
Check = Callable[[Book, Change], Change]


def provision(
    kind: type[E],
    clause: str,
    rule: Rule[E],
    *exceptions: Except[E],
    within: tuple[str, ...] = (),
) -> Provision[E]:
    """A :class:`Provision`, written as one row of a rulebook's table."""
    return Provision(kind=kind, clause=clause, rule=rule, exceptions=exceptions, within=within)


def _index(provisions: tuple[Provision[Any], ...]) -> Mapping[type[Event], Provision[Any]]:
    index: dict[type[Event], Provision[Any]] = {}
    for item in provisions:
        if item.kind in index:
            raise DuplicateRule(
                f"events of type {item.kind.__name__} already have a rule "
                f"({index[item.kind].describe()}); a second one is refused, not overwritten",
                field="type",
            )
        index[item.kind] = item
    return MappingProxyType(index)


@attrs.frozen
class Rulebook:
    """The provisions of one instrument, one per kind of event, and the checks on adjustments."""

    name: str
    provisions: tuple[Provision[Any], ...]
    checks: tuple[Check, ...] = attrs.field(default=(), repr=False)
    _by_kind: Mapping[type[Event], Provision[Any]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_kind", _index(self.provisions))

    @classmethod
    def of(cls, name: str, *provisions: Provision[Any], checks: tuple[Check, ...] = ()) -> Rulebook:
        """A rulebook from its table; a second provision for the same kind raises DuplicateRule."""
        return cls(name=name, provisions=provisions, checks=checks)

    def with_provision(self, added: Provision[Any]) -> Rulebook:
        """This rulebook with one more provision (DuplicateRule if its kind has one already)."""
        return attrs.evolve(self, provisions=(*self.provisions, added))

    def provision_for(self, kind: type[Event]) -> Provision[Any] | None:
        return self._by_kind.get(kind)

    def __iter__(self) -> Iterator[Provision[Any]]:
        return iter(self.provisions)

    def __len__(self) -> int:
        return len(self.provisions)

    def __contains__(self, kind: object) -> bool:
        return kind in self._by_kind

    def describe(self) -> str:
        """The table, one provision per line, as a reader of the instrument checks it."""
        return "\n".join(item.describe() for item in self.provisions)

    def decide(self, book: Book, event: Event, ref: EventRef) -> Change:
        """What the instrument makes of ``event``: its provision decides, then the checks run."""
        found = self._by_kind.get(type(event))
        if found is None:
            raise EventRejected(
                f"no rule is registered for events of type {type(event).__name__}", field="type"
            )
        change = found.decide(book, event, ref)
        for check in self.checks:
            change = check(book, change)
        _check_built(change)
        return change


#: The figures of a position the engine builds, checked against the bound of every
#: quantity (``ground/exact.MAX_DIGITS``) after each event.
_BUILT = ("price", "split_scale", "issued", "deemed", "undeemed_options", "carve_out_used")


def _check_built(change: Change) -> None:
    """Refuse an event whose result passes the bound of a quantity: the exact arithmetic
    stays exact, and fast, and whatever the library writes is read again."""
    if change.position is None:
        return
    for name in _BUILT:
        part = too_large_part(getattr(change.position, name))
        if part is not None:
            raise QuantityTooLarge(
                f"the {name.replace('_', ' ')} this event would build has a {part} of more "
                f"than {MAX_DIGITS:,} digits, the most a figure may have (docs/numbers.md)",
                field=name,
                clause=change.determination.clause,
            )


#: Rulebook name → (module, attribute) that declares it; imported on first use, so the engine
#: imports no clause at import time.
DECLARED: Mapping[str, tuple[str, str]] = MappingProxyType(
    {"alpha-2002": ("warrant.section4.alpha_2002", "RULEBOOK")}
)


def rulebook_named(name: str) -> Rulebook:
    """The declared rulebook called ``name`` (``"alpha-2002"``), imported when first asked for."""
    where = DECLARED.get(name)
    if where is None:
        known = ", ".join(sorted(DECLARED))
        raise UnknownRulebook(f"no rulebook named {name!r} (known: {known})", field="rulebook")
    module, attribute = where
    found = getattr(importlib.import_module(module), attribute)
    if not isinstance(found, Rulebook) or found.name != name:
        raise UnknownRulebook(
            f"{module}.{attribute} does not declare the rulebook {name!r}", field="rulebook"
        )
    return found
