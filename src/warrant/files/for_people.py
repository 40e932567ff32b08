"""Text from the input, made safe to show to people: the one place output escapes it.

Ids, series ids, holders' names, ``property_valued_by``, descriptions and basket keys
come from files anyone may write.  Shown raw, a newline would start a Markdown heading
or forge a line of a certificate, ``|`` would add a table cell, ``<script>`` or
``<img onerror=…>`` would pass through a Markdown renderer, and ``ESC[2J`` would clear
the terminal.  Every output module for people passes such text through :func:`plain`
(text for a terminal) or :func:`markdown` (a Markdown document, which may be rendered
as HTML); the library's own words and figures are not escaped.  JSON output carries
the text as it was read (JSON escapes it itself).
"""

from __future__ import annotations

import re

_MARKUP = re.compile(r"[\\`*_\[\]|~#]|[<>&]")
_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}


def plain(text: object) -> str:
    """``text`` with every unprintable character (newline, ESC, NUL, bidirectional
    overrides …) written as its escape, so that it stays one run of visible characters."""
    value = str(text)
    if value.isprintable():
        return value
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in value
    )


def markdown(text: object) -> str:
    """:func:`plain`, then every character Markdown or HTML would read as markup
    escaped: a backslash before Markdown's, an entity for ``<``, ``>`` and ``&``."""
    return _MARKUP.sub(_escaped, plain(text))


def _escaped(found: re.Match[str]) -> str:
    char = found.group()
    return _ENTITIES.get(char, "\\" + char)
