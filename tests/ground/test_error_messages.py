"""An error renders as one readable line (SPEC §12), whatever value from a file it quotes."""

from __future__ import annotations

from warrant.ground.errors import LONGEST_WORD, CertificateError


def test_a_word_thousands_of_characters_long_is_shown_by_its_ends_and_length() -> None:
    error = CertificateError(f"unknown figure '{'x' * 4998}y'", field="figures.fmv", clause="4.G")
    text = str(error)
    assert text.startswith("field 'figures.fmv': unknown figure 'xxx") and text.endswith(" [4.G]")
    # the word is the quoted value: a quote, 4,998 x, y, a quote
    assert "…(5,001 characters)…" in text and text.count("x") == 59 + 18
    assert "xy'" in text  # the last twenty characters are kept
    assert len(text) < 200


def test_words_up_to_the_limit_are_kept_whole() -> None:
    digest = "ab" * (LONGEST_WORD // 2)
    text = str(CertificateError(f"stated {digest} and {'c' * (LONGEST_WORD + 1)}"))
    assert digest in text and "…(201 characters)…" in text


def test_a_long_message_of_short_words_is_kept() -> None:
    message = " ".join(["word"] * 500)
    assert str(CertificateError(message)) == message


def test_unprintable_characters_are_escaped_before_the_words_are_measured() -> None:
    text = str(CertificateError("a\nb" + "\x00" * 60))
    assert "\n" not in text and "…(244 characters)…" in text  # "a\\nb" and sixty "\\x00"
