"""Noise in an article's text, the marks of a page saved or pasted as it was: HTML markup,
control characters and mojibake, hard-wrapped lines, repeated page headers or footers, page
numbers inside sentences, no-break spaces between words. Each detector gives at most one warning
per article, at its first offending line, and reads the text once (`check` stays linear).

The control-character and mojibake detection is also what `check --a11y` uses
(a11y/sources.py): there is one detector."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from ..errors import Diagnostic, Severity

# C0 (but tab and newline), DEL, C1 and the replacement character.
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]")
# An HTML tag (<p>, </div>, <div class="x">, <br/>) or entity (&nbsp; &#160; &#xA0;); a lone
# '<' in prose ("a < b"), an autolink (<https://…>) or 'AT&T' is not markup.
MARKUP = re.compile(
    r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
)

REIMPORT = "`coursegen import` does this for text files"
_END = tuple('.!?:;…"”’»)]*_')  # a line that ends a sentence (or a quotation, or emphasis)
_SHORT = 60  # characters: a PDF record wrapped at ~50 has lines this short, Markdown rarely
_PAGE_NUMBER = re.compile(r"^\s*[0-9]{1,4}\s*$")
_NBSP = re.compile("[\u00a0\u202f]")
# The no-break spaces that are right where they are: French spacing (before ; : ! ? » % € $,
# after «) and digit groups (10 000). `check` does not count them; `coursegen import` keeps them.
NBSP_RIGHT = re.compile(
    r"[\u00a0\u202f](?=[;:!?»%€$])|(?<=«)[\u00a0\u202f]|(?<=[0-9])[\u00a0\u202f\u2007](?=[0-9])"
)


def control_kind(controls: list[str]) -> str:
    if all(c == "\ufffd" for c in controls):
        return "the replacement character (left where a text could not be decoded)"
    if all("\x80" <= c <= "\x9f" for c in controls):
        return "C1 control characters (what is left of curly quotes or dashes decoded twice)"
    return "control characters"


def is_mojibake(text: str) -> bool:
    """UTF-8 decoded as Windows-1252 or Latin-1 and saved again ('Ã©', 'â€™')."""
    if text.isascii():  # mojibake is never plain ASCII; ftfy is imported only when needed
        return False
    from ftfy.badness import is_bad

    return bool(is_bad(text))


def probably_meant(line: str) -> str:
    from ftfy import fix_encoding

    fixed = fix_encoding(line)
    if fixed == line:
        return "; retype the characters, or copy the text again from its source"
    changed = next((i for i, (a, b) in enumerate(zip(line, fixed, strict=False)) if a != b), 0)
    start = max(0, changed - 20)
    return f'; probably meant: "{fixed[start : start + 60].strip()}"'


def article_noise(lines: list[str], start: int, rel: str) -> list[Diagnostic]:
    """Warnings for the noise in an article's body, `lines[start:]` (line numbers from 1)."""
    body = lines[start:]
    found = [
        _markup(body),
        _controls(body),
        _hard_wrapped(body),
        _repeated(body),
        _page_numbers(body),
        _no_break_spaces(body),
    ]
    return [
        Diagnostic(rel, start + index + 1, 1, message, hint=hint, severity=Severity.WARNING)
        for index, message, hint in (f for f in found if f is not None)
    ]


_Found = tuple[int, str, str] | None  # (index in the body, message, hint)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _markup(body: list[str]) -> _Found:
    first, count, example = -1, 0, ""
    for index, line in enumerate(body):
        if "<" not in line and "&" not in line:
            continue
        matches = MARKUP.findall(line)
        if matches:
            if first < 0:
                first, example = index, matches[0]
            count += len(matches)
    if first < 0:
        return None
    if len(example) > 40:
        example = example[:39] + "…"
    return (
        first,
        f"the article contains HTML markup ({count} {'tag or entity' if count == 1 else 'tags or entities'}"
        f" such as '{example}'), which the documents would print as it is",
        "keep only the article's text: clean it up by hand, or save the page again as text "
        f"from your browser ({REIMPORT})",
    )


def _controls(body: list[str]) -> _Found:
    text = "\n".join(body)
    if CONTROLS.search(text) is not None:
        lines = [(i, CONTROLS.findall(line)) for i, line in enumerate(body)]
        bad = [(i, found) for i, found in lines if found]
        first, found = bad[0]
        codes = ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(found))
        return (
            first,
            f"{control_kind(found)} {codes} in {_plural(len(bad), 'line')}, which every PDF "
            f"prints as an empty box{probably_meant(body[first])}",
            f"fix the text by hand, or copy it again from its source ({REIMPORT})",
        )
    if text.isascii() or not is_mojibake(text):
        return None
    bad_lines = [i for i, line in enumerate(body) if is_mojibake(line)]
    if not bad_lines:
        return None
    first = bad_lines[0]
    return (
        first,
        f"mojibake in {_plural(len(bad_lines), 'line')}: the text looks like UTF-8 decoded as "
        f"Windows-1252 or Latin-1 and saved again{probably_meant(body[first])}",
        f"fix the text by hand, or copy it again from its source ({REIMPORT})",
    )


def _ends_sentence(line: str) -> bool:
    return line.rstrip().endswith(_END)


def _starts_lower(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and stripped[0].islower()


_WRAP_HINT = (
    "join each paragraph's lines and leave a blank line between paragraphs: by hand, or save "
    f"the page again as text ({REIMPORT})"
)


def _hard_wrapped(body: list[str]) -> _Found:
    """Most paragraphs a single short line that ends mid-sentence, or many short lines that end
    mid-sentence inside a paragraph (a PDF record pasted as text). Markdown wrapped at 72 or
    more characters is fine: its lines are longer."""
    blocks: list[list[int]] = []  # each paragraph's line indexes
    current: list[int] = []
    for index, line in enumerate(body):
        if line.strip() and not line.lstrip().startswith("#"):
            current.append(index)
        else:
            if current:
                blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    single = [
        b[0]
        for b in blocks
        if len(b) == 1 and len(body[b[0]].strip()) <= _SHORT and not _ends_sentence(body[b[0]])
    ]
    if len(blocks) >= 5 and len(single) * 2 > len(blocks):
        return (
            single[0],
            f"the text looks hard-wrapped: {len(single)} of its {len(blocks)} paragraphs are a "
            "single short line that ends mid-sentence",
            _WRAP_HINT,
        )
    wrapped = [
        i
        for b in blocks
        for i, j in pairwise(b)
        if len(body[i].strip()) <= _SHORT and not _ends_sentence(body[i]) and _starts_lower(body[j])
    ]
    in_blocks = sum(len(b) for b in blocks if len(b) > 1)
    if len(wrapped) >= 10 and len(wrapped) * 4 >= in_blocks:
        return (
            wrapped[0],
            f"the text looks hard-wrapped: {len(wrapped)} short lines end in the middle of a "
            "sentence, so paragraph breaks may be lost",
            _WRAP_HINT,
        )
    return None


def _repeated(body: list[str]) -> _Found:
    """The same short line three times or more: a page header or footer left in the text."""
    counts = Counter(line.strip() for line in body)
    repeated = {
        line
        for line, n in counts.items()
        if n >= 3
        and 0 < len(line) <= 80
        and not line.startswith("#")
        and sum(c.isalnum() for c in line) >= 4
    }
    if not repeated:
        return None
    first = next(i for i, line in enumerate(body) if line.strip() in repeated)
    line = body[first].strip()
    others = len(repeated) - 1
    also = f" ({_plural(others, 'other line')} too)" if others else ""
    return (
        first,
        f"the line '{line}' appears {counts[line]} times{also}: it looks like a page header "
        "or footer left in the text",
        f"delete the repeated lines: by hand, or save the page again as text ({REIMPORT})",
    )


def _page_numbers(body: list[str]) -> _Found:
    """A line that is only a number, between two lines of one sentence."""
    found: list[int] = []
    previous = -1  # the last non-blank line before the current one
    pending: list[int] = []  # number lines since then, waiting for the next text line
    for index, line in enumerate(body):
        if not line.strip():
            continue
        if _PAGE_NUMBER.match(line):
            if previous >= 0 and not _ends_sentence(body[previous]):
                pending.append(index)
            continue
        if pending and _starts_lower(line):
            found += pending
        pending = []
        previous = index
    if not found:
        return None
    number = body[found[0]].strip()
    return (
        found[0],
        f"a line with only the number '{number}' is inside a sentence "
        f"({_plural(len(found), 'such line')}): it looks like a page number left in the text",
        f"delete the page numbers: by hand, or save the page again as text ({REIMPORT})",
    )


def _no_break_spaces(body: list[str]) -> _Found:
    """Many no-break spaces between words (a web page's &nbsp;); French spacing before
    ; : ! ? » and after «, and in numbers (10 000), is fine."""
    first, count = -1, 0
    for index, line in enumerate(body):
        if "\u00a0" not in line and "\u202f" not in line:
            continue
        stray = len(_NBSP.findall(line)) - len(NBSP_RIGHT.findall(line))
        if stray > 0:
            if first < 0:
                first = index
            count += stray
    if count < 20:
        return None
    return (
        first,
        f"{count} no-break spaces between words: each keeps two words together on one line, "
        "so lines may not wrap where they should",
        f"replace them with ordinary spaces: by hand, or save the page again as text ({REIMPORT})",
    )
