"""What every importer does to characters (importers/cleaning.py) agrees with what `check`
flags (content/noise.py): a no-break space `check` accepts is kept, one it counts is removed."""

from __future__ import annotations

from coursegen.content.noise import article_noise
from coursegen.importers.cleaning import repair_line

FRENCH = "Le taux\u00a0: 10\u00a0%, soit 12\u202f000\u00a0€ «\u00a0au\u00a0moins\u00a0»\u00a0!"


def test_french_spacing_and_digit_groups_are_kept() -> None:
    assert repair_line(FRENCH) == (
        "Le taux\u00a0: 10\u00a0%, soit 12\u202f000\u00a0€ «\u00a0au moins\u00a0»\u00a0!"
    )


def test_no_break_spaces_between_words_are_spaces() -> None:
    assert repair_line("a\u00a0web\u00a0page\u2007saved") == "a web page saved"


def test_what_import_keeps_check_does_not_flag() -> None:
    """30 lines with a no-break space between words: `check` counts the 30 stray ones (and
    none of the 180 French ones); the repaired lines pass."""
    raw = [line for n in range(30) for line in (f"{n}. {FRENCH}", "")]
    assert [d.message.split(":")[0] for d in article_noise(raw, 0, "articles/x.md")] == [
        "30 no-break spaces between words"
    ]
    assert article_noise([repair_line(line) for line in raw], 0, "articles/x.md") == []
