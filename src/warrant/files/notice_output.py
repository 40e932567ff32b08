"""4.H notices written out: the ``notices --json`` list and a table for people.

Each JSON object has ``event`` (id or position), ``kind``, ``action_date`` (the date
the notice names), ``mail_by`` (the last day to mail it), ``mailed`` (when stated)
and ``late_by_days`` (null when on time or not stated), plus the ``clause``, the
event's position and type, and ``on_time``.
"""

from __future__ import annotations

from collections.abc import Sequence

from warrant.files.for_people import plain
from warrant.section4.h_notices import Notice


def notices_json(found: Sequence[Notice]) -> list[dict[str, object]]:
    return [
        {
            "event": notice.event.label,
            "event_index": notice.event.index,
            "event_type": notice.event.type,
            "kind": notice.kind.value,
            "clause": notice.clause,
            "action_date": notice.action_date.isoformat(),
            "mail_by": notice.mail_by.isoformat(),
            "mailed": notice.mailed.isoformat() if notice.mailed else None,
            "on_time": notice.on_time,
            "late_by_days": notice.late_by_days,
        }
        for notice in found
    ]


def notices_text(found: Sequence[Notice]) -> str:
    if not found:
        return "No event of the scenario needs a 4.H notice.\n"
    rows = [("event", "kind", "clause", "names the date", "mail by", "mailed", "")]
    for notice in found:
        if notice.mailed is None:
            status = "mailing not stated"
        elif notice.on_time:
            status = "on time"
        else:
            days = notice.late_by_days
            status = f"LATE by {days} day{'s' if days != 1 else ''}"
        rows.append((
            plain(notice.event.describe()), notice.kind.value, notice.clause,
            notice.action_date.isoformat(), notice.mail_by.isoformat(),
            notice.mailed.isoformat() if notice.mailed else "", status,
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    days = (found[0].action_date - found[0].mail_by).days
    lines = [f"Notices of record and effective dates (4.H): at least {days} days before", ""]
    for row in rows:
        lines.append(
            "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        )
    return "\n".join(line.rstrip() for line in lines) + "\n"
