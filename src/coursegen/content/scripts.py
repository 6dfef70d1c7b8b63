"""Which script a text is written in, and whether it fits a language (WCAG 3.1.2, language of parts).

A text with no declared language is in the language in effect (the course's, or the article's)
unless its letters say otherwise: a Cyrillic question in an English course is marked Russian, and
`check` says so. Only letters count; digits, punctuation and spaces belong to every script.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

LATIN = "Latin"
CYRILLIC = "Cyrillic"
GREEK = "Greek"
ARABIC = "Arabic"
HEBREW = "Hebrew"
HAN = "Han"
KANA = "Kana"
HANGUL = "Hangul"
DEVANAGARI = "Devanagari"

# (first, last, script), in code point order.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x024F, LATIN),
    (0x0370, 0x03FF, GREEK),
    (0x0400, 0x052F, CYRILLIC),
    (0x0590, 0x05FF, HEBREW),
    (0x0600, 0x06FF, ARABIC),
    (0x0750, 0x077F, ARABIC),
    (0x08A0, 0x08FF, ARABIC),
    (0x0900, 0x097F, DEVANAGARI),
    (0x1100, 0x11FF, HANGUL),
    (0x1C80, 0x1C8F, CYRILLIC),
    (0x1E00, 0x1EFF, LATIN),
    (0x1F00, 0x1FFF, GREEK),
    (0x2DE0, 0x2DFF, CYRILLIC),
    (0x3040, 0x30FF, KANA),
    (0x3130, 0x318F, HANGUL),
    (0x3400, 0x4DBF, HAN),
    (0x4E00, 0x9FFF, HAN),
    (0xA640, 0xA69F, CYRILLIC),
    (0xA8E0, 0xA8FF, DEVANAGARI),
    (0xAC00, 0xD7AF, HANGUL),
    (0xF900, 0xFAFF, HAN),
    (0xFB1D, 0xFB4F, HEBREW),
    (0xFB50, 0xFDFF, ARABIC),
    (0xFE70, 0xFEFF, ARABIC),
    (0x20000, 0x3FFFF, HAN),
)


@dataclass(frozen=True)
class ScriptInfo:
    language: str  # the language a text in this script is marked with when none is declared
    name: str  # that language's English name, for messages
    other: str  # another language written in it, for hints


DEFAULTS: dict[str, ScriptInfo] = {
    LATIN: ScriptInfo("en", "English", "fr"),
    CYRILLIC: ScriptInfo("ru", "Russian", "uk"),
    GREEK: ScriptInfo("el", "Greek", "grc"),
    ARABIC: ScriptInfo("ar", "Arabic", "fa"),
    HEBREW: ScriptInfo("he", "Hebrew", "yi"),
    HAN: ScriptInfo("zh", "Chinese", "zh-Hant"),
    KANA: ScriptInfo("ja", "Japanese", "ja"),
    HANGUL: ScriptInfo("ko", "Korean", "ko"),
    DEVANAGARI: ScriptInfo("hi", "Hindi", "mr"),
}

# The scripts each language is written in. A language not listed fits every script: nothing is
# guessed for it.
_LATIN_LANGUAGES = [
    "en",
    "fr",
    "de",
    "es",
    "it",
    "pt",
    "nl",
    "sv",
    "no",
    "nb",
    "nn",
    "da",
    "fi",
    "is",
    "pl",
    "cs",
    "sk",
    "sl",
    "hr",
    "bs",
    "hu",
    "ro",
    "tr",
    "ca",
    "eu",
    "gl",
    "ga",
    "cy",
    "et",
    "lv",
    "lt",
    "sq",
    "mt",
    "af",
    "sw",
    "id",
    "ms",
    "tl",
    "vi",
    "az",
    "uz",
    "la",
    "eo",
]
_SCRIPTS_OF: dict[str, frozenset[str]] = {
    **{code: frozenset({LATIN}) for code in _LATIN_LANGUAGES},
    **{
        code: frozenset({CYRILLIC})
        for code in ["ru", "uk", "be", "bg", "mk", "kk", "ky", "tg", "mn"]
    },
    "sr": frozenset({CYRILLIC, LATIN}),
    "el": frozenset({GREEK}),
    "grc": frozenset({GREEK}),
    **{code: frozenset({ARABIC}) for code in ["ar", "fa", "ur", "ps", "ku", "sd", "ug"]},
    **{code: frozenset({HEBREW}) for code in ["he", "iw", "yi"]},
    "zh": frozenset({HAN}),
    "ja": frozenset({HAN, KANA}),
    "ko": frozenset({HANGUL, HAN}),
    **{code: frozenset({DEVANAGARI}) for code in ["hi", "mr", "ne", "sa", "kok", "mai"]},
}
_SCRIPT_SUBTAGS: dict[str, frozenset[str]] = {
    "latn": frozenset({LATIN}),
    "cyrl": frozenset({CYRILLIC}),
    "grek": frozenset({GREEK}),
    "arab": frozenset({ARABIC}),
    "hebr": frozenset({HEBREW}),
    "hans": frozenset({HAN}),
    "hant": frozenset({HAN}),
    "hani": frozenset({HAN}),
    "jpan": frozenset({HAN, KANA}),
    "kore": frozenset({HANGUL, HAN}),
    "deva": frozenset({DEVANAGARI}),
}
_MIN_LETTERS = 2  # fewer letters than this say nothing about a text's script
_TWO_ASCII_LETTERS = re.compile(r"[A-Za-z][^A-Za-z]*[A-Za-z]")  # _MIN_LETTERS of them


@functools.cache  # a text repeats few distinct characters: every course text goes through here
def script_of(char: str) -> str | None:
    """The script of one letter, or None for anything else (digits, punctuation, marks)."""
    if not unicodedata.category(char).startswith("L"):
        return None
    point = ord(char)
    low, high = 0, len(_RANGES) - 1
    while low <= high:
        middle = (low + high) // 2
        first, last, script = _RANGES[middle]
        if point < first:
            high = middle - 1
        elif point > last:
            low = middle + 1
        else:
            return script
    return None


def dominant_script(text: str) -> str | None:
    """The script most of the text's letters are in; None when it has (almost) no letters or
    they are in a script this module does not know."""
    if text.isascii():  # most course text: Latin letters or none, decided in C
        return LATIN if _TWO_ASCII_LETTERS.search(text) else None
    counts: dict[str, int] = {}
    for char in text:
        script = script_of(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    script, count = max(counts.items(), key=lambda item: (item[1], item[0]))
    if script == HAN and counts.get(KANA):
        script = KANA  # Japanese mixes kanji and kana
    return script if count >= _MIN_LETTERS else None


def scripts_of(language: str) -> frozenset[str] | None:
    """The scripts a language tag is written in; None when coursegen does not know."""
    subtags = language.casefold().split("-")
    for subtag in subtags[1:]:
        if subtag in _SCRIPT_SUBTAGS:
            return _SCRIPT_SUBTAGS[subtag]
    return _SCRIPTS_OF.get(subtags[0])


# Languages written right to left (by primary subtag), unless a script subtag says otherwise:
# 'az-Arab' is, 'ku-Latn' is not.
_RIGHT_TO_LEFT = frozenset(
    {"ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug", "ku", "syr", "arc"}
)
_RIGHT_TO_LEFT_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"})


def is_rtl(language: str | None) -> bool:
    """Whether text in `language` (a BCP 47 tag) is written right to left: by its script subtag
    when it has one ('ur-Arab', 'pa-Arab', 'ku-Latn'), else by its primary language."""
    if not language:
        return False
    subtags = language.replace("_", "-").casefold().split("-")
    for subtag in subtags[1:]:
        if len(subtag) == 4 and subtag.isalpha():
            return subtag in _RIGHT_TO_LEFT_SCRIPTS
    return subtags[0] in _RIGHT_TO_LEFT


def direction(language: str | None) -> str:
    """'rtl' or 'ltr': the direction of text in `language` (HTML's `dir`)."""
    return "rtl" if is_rtl(language) else "ltr"


def fits(script: str, language: str) -> bool:
    known = scripts_of(language)
    return known is None or script in known


def same_language(part: str, document: str) -> bool:
    """True when marking `part` inside a `document` adds nothing: the same tag, or the bare
    language of a regional document ('en' inside 'en-GB')."""
    part, document = part.casefold(), document.casefold()
    return part == document or (("-" not in part) and document.split("-")[0] == part)


def primary_language(language: str) -> str:
    """The primary subtag of a language tag, in lower case: 'en' for 'en-GB', 'zh' for
    'zh_Hant'. Glossary forms and texts are compared by it."""
    return language.replace("_", "-").split("-")[0].casefold()


def part_language(language: str | None, document: str) -> str | None:
    """The language to mark a part with inside a document: None when it is the document's."""
    if language is None or same_language(language, document):
        return None
    return language


@dataclass(frozen=True)
class Guess:
    """The outcome of looking at a text's script against the language in effect."""

    language: str | None  # the language to mark the text with (None: the language in effect)
    script: str | None = None  # the script that did not fit, when a warning is due
    declared: bool = False  # the language was declared, and does not fit the script


def guess(text: str, declared: str | None, in_effect: str) -> Guess:
    """The language of a text: the declared one, else the language in effect if the script fits
    it, else the default language of its script."""
    script = dominant_script(text)
    if declared is not None:
        if script is not None and not fits(script, declared):
            return Guess(declared, script, declared=True)
        return Guess(declared)
    if script is None or fits(script, in_effect):
        return Guess(None)
    return Guess(DEFAULTS[script].language, script)


def run_language(text: str, language: str, document: str) -> str | None:
    """The language to mark a run of text with inside a document (None: the document's): the
    language it is said to be in (a citation's author in the article's language) when its script
    fits that language or it has no letters to tell; else the document's, when its script fits
    that; else the default language of its script. Nothing is warned: a name in another script
    is no mistake."""
    found = guess(text, None, language)
    if found.script is None:
        return part_language(language, document)
    if fits(found.script, document):
        return None
    return part_language(found.language, document)


@dataclass(frozen=True)
class Finding:
    """A language warning, placed by the caller: `message` and `hint`."""

    message: str
    hint: str


def resolve(
    text: str, declared: str | None, in_effect: str, *, what: str, whose: str, how: str
) -> tuple[str | None, Finding | None]:
    """The language to mark a text with (None: the language in effect), and the warning due.

    `what` names the text ("question 2"), `whose` the language in effect ("course"), `how` tells
    how to declare a language, with '{lang}' for the code ("add 'language: {lang}' to the
    question")."""
    found = guess(text, declared, in_effect)
    if found.script is None:
        return found.language, None
    default = DEFAULTS[found.script]
    if found.declared:
        return found.language, Finding(
            f"{what} has 'language: {declared}' but is written in {found.script} script",
            f"give the language it is written in, e.g. 'language: {default.language}', "
            "or remove 'language:' to have it marked by its script",
        )
    return found.language, Finding(
        f"{what} is in {found.script} script but the {whose} language is '{in_effect}': "
        f"it is marked as {default.name} ({default.language})",
        how.replace("{lang}", default.language)
        + f" (or the right language, e.g. {default.other}) to say so yourself",
    )
