"""The import report: every default the importer used and everything it left out.

A refusal stops the import; a flag does not, but says what was assumed so that a
reader can check it (and, if it is wrong, say otherwise in the overlay).
"""

from __future__ import annotations

import enum

import attrs

from warrant.files.for_people import plain


class FlagKind(enum.Enum):
    """What a flag is about; the JSON spelling is the value."""

    GRANT_CONSIDERATION_ZERO = "grant-consideration-zero"
    EXERCISE_CONSIDERATION_DEFAULT = "exercise-consideration-default"
    EXPIRY_DERIVED = "expiry-derived"
    SAME_DAY_ORDER = "same-day-order"
    CANCEL_AND_REGRANT = "cancel-and-regrant"
    IGNORED = "ignored"
    SKIPPED = "skipped"
    GRANTEE_FROM_RELATIONSHIP = "grantee-from-relationship"
    BEFORE_ISSUE_DATE = "before-issue-date"
    CAPITALIZATION_NOT_CHECKED = "capitalization-not-checked"
    VALUATION_NOT_FMV = "valuation-not-fmv"
    AFTER_AS_OF = "after-as-of"
    TRANSFER_OTHER_CLASS = "transfer-other-class"


@attrs.frozen(kw_only=True)
class Flag:
    kind: FlagKind
    #: the OCF id it is about (a transaction, a stakeholder; None for the package)
    ocf_id: str | None
    message: str
    #: the default used, in words ("0", "shares × exercise price", "file order")
    default: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {
            "flag": self.kind.value,
            "ocf_id": self.ocf_id,
            "default": self.default,
            "message": self.message,
        }


@attrs.frozen(kw_only=True)
class ImportReport:
    package: str
    overlay: str
    as_of: str
    ocf_version: str
    transactions: int
    events: int
    overlay_events: int
    flags: tuple[Flag, ...] = ()

    def of_kind(self, kind: FlagKind) -> tuple[Flag, ...]:
        return tuple(flag for flag in self.flags if flag.kind is kind)

    def to_json(self) -> dict[str, object]:
        return {
            "package": self.package,
            "overlay": self.overlay,
            "as_of": self.as_of,
            "ocf_version": self.ocf_version,
            "transactions": self.transactions,
            "events": self.events,
            "overlay_events": self.overlay_events,
            "flags": [flag.to_json() for flag in self.flags],
        }

    def text(self) -> str:
        """The report for people: the ids and messages, which hold text from the package,
        with every unprintable character escaped (``files/for_people``)."""
        lines = [
            f"OCF {self.ocf_version} package {self.package} (as of {self.as_of}), "
            f"overlay {self.overlay}",
            f"{self.transactions} transactions read; {self.events} events written "
            f"({self.overlay_events} from the overlay)",
        ]
        if not self.flags:
            lines.append("no flags")
            return "\n".join(lines)
        lines.append(f"{len(self.flags)} flags:")
        width = max(len(flag.kind.value) for flag in self.flags)
        for flag in self.flags:
            where = f"{plain(flag.ocf_id)}: " if flag.ocf_id else ""
            default = f" [default: {plain(flag.default)}]" if flag.default else ""
            lines.append(f"  {flag.kind.value:<{width}}  {where}{plain(flag.message)}{default}")
        return "\n".join(lines)
