"""Text from the input is escaped wherever it is shown to people (SPEC §12).

An id, a holder's name, ``property_valued_by`` or a basket key holding a newline, ``|``,
HTML or a terminal escape reaches the replay table, the text and Markdown certificates
and the exercise text as visible characters: no heading, no table cell, no tag, no
escape sequence.  The JSON carries the text as read.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from warrant.cli import main
from warrant.files.for_people import markdown, plain

HOSTILE = "x\n# Heading | cell <script>alert(1)</script>\x1b[2J"

_SCENARIO = """\
[warrant]
preset = "alpha-2002"
series = [{{ id = {wid}, holder = {holder}, face_shares = 100000 }}]

[capitalization]
common_outstanding = 7000000
plan_options_outstanding = 0

[prices]
quote = [
  {{ date = 2002-05-24, close = "1.00" }}, {{ date = 2002-05-28, close = "1.00" }},
  {{ date = 2002-05-29, close = "1.00" }}, {{ date = 2002-05-30, close = "1.00" }},
  {{ date = 2002-05-31, close = "1.00" }}, {{ date = 2002-06-03, close = "1.00" }},
]

[[event]]
type = "issuance"
id = {eid}
date = 2002-06-03
shares = 1000000
cash = 500000
property = 100000
property_valued_by = {valued}
property_valued_on = 2002-06-03
"""


def _scenario(tmp_path: Path) -> Path:
    text = json.dumps(HOSTILE)
    path = tmp_path / "hostile.toml"
    path.write_text(
        _SCENARIO.format(wid=text, holder=text, eid=text, valued=text), encoding="utf-8"
    )
    return path


def _clean(output: str, *, markdown: bool) -> None:
    assert "\x1b" not in output
    assert "\n# Heading" not in output
    assert "\\x1b[2J" in output  # shown, as its escape
    if markdown:  # outside code blocks (indented four spaces), where nothing is markup
        prose = [line for line in output.splitlines() if not line.startswith("    ")]
        assert not any("<script>" in line for line in prose)


@pytest.mark.parametrize(
    "argv",
    [
        ["replay"],
        ["certificate", "--adjustment", "0", "--format", "md"],
        ["certificate", "--adjustment", "0", "--format", "text"],
    ],
    ids=["replay", "certificate-md", "certificate-text"],
)
def test_input_text_is_escaped_in_every_output_for_people(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    scenario = _scenario(tmp_path)
    assert main([argv[0], str(scenario), *argv[1:]]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    _clean(out, markdown="md" in argv)
    if "md" in argv:
        prose = [line for line in out.splitlines() if not line.startswith("    ")]
        assert not any(re.search(r"(?<!\\)\| cell", line) for line in prose)
        assert "\\| cell" in out


def test_the_json_carries_the_text_as_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["replay", str(_scenario(tmp_path)), "--json"]) == 0
    assert HOSTILE in capsys.readouterr().out.encode().decode("unicode_escape")


def test_an_argument_with_a_newline_is_one_line_of_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["replay", "x.toml", "extra\nforged line", "y" * 100_000]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert len(err) < 1000


def test_an_ocf_id_before_the_message_is_escaped() -> None:
    from warrant.ground.errors import OcfRefused

    rendered = str(OcfRefused("refused", ocf_id="tx\n\x1b[2J" + "x" * 100_000))
    assert "\n" not in rendered and "\x1b" not in rendered
    assert len(rendered) < 500


def test_the_escapes() -> None:
    assert plain("a\nb\x1b") == "a\\nb\\x1b"
    assert markdown("<b>|x_y</b>") == "&lt;b&gt;\\|x\\_y&lt;/b&gt;"
    assert plain("W-1") == "W-1" and markdown("W-1") == "W-1"
