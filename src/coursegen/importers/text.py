"""Plain or pasted text into paragraphs: decoding, repairs, page furniture, reflow.

Every decision is recorded (`TextImport`) so that the review report can list it: which
encoding, each line whose characters were repaired, each line removed as page furniture, each
line-end hyphen joined or kept. Line numbers are those of the source text, from 1.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .boilerplate import sort_blocks
from .cleaning import LINE_END_HYPHEN, WORD, Vocabulary, decode, differences, repair_line
from .extraction import Block, Extraction, Found, Section, plural

_PAGE_NUMBER = re.compile(
    r"^\s*(?:page\s+)?[-–—]?\s*[0-9]{1,4}\s*[-–—]?(?:\s*(?:/|of)\s*[0-9]{1,4})?\s*$",
    re.IGNORECASE,
)
_END = tuple(".!?…:")  # the end of a sentence
_CLOSERS = "\"'”’»)]"
_SPACES = re.compile(" {2,}")
_WRAPPED_LIMIT = 150  # characters: lines longer than this are paragraphs, not wrapped lines


@dataclass(frozen=True)
class Repair:
    line: int
    before: str
    after: str
    changed: int  # characters changed


@dataclass(frozen=True)
class Removed:
    line: int
    text: str
    why: str


@dataclass(frozen=True)
class Hyphen:
    line: int
    first: str  # 'institu-'
    second: str  # 'tions'
    result: str  # 'institutions' or 'post-Soviet'
    why: str


@dataclass
class TextImport:
    encoding: str
    paragraphs: list[str] = field(default_factory=list)
    first_lines: list[int] = field(default_factory=list)  # each paragraph's source line
    repairs: list[Repair] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    hyphens: list[Hyphen] = field(default_factory=list)
    lines_joined: int = 0


def _ends_sentence(line: str) -> bool:
    return line.rstrip().rstrip(_CLOSERS).endswith(_END)


def _starts_sentence(line: str) -> bool:
    stripped = line.lstrip().lstrip("\"'“‘«([—–-•* ")
    return bool(stripped) and (stripped[0].isupper() or stripped[0].isdigit())


def _starts_lower(line: str) -> bool:
    stripped = line.lstrip()
    return bool(stripped) and stripped[0].islower()


def _furniture(lines: list[tuple[int, str]], result: TextImport) -> list[tuple[int, str]]:
    """Without page numbers on their own lines and short lines repeated three times or more
    (running heads and feet). A blank line beside a page number inside a sentence goes too."""
    counts = Counter(text.strip() for _, text in lines)
    repeated = {
        text
        for text, n in counts.items()
        if n >= 3 and 0 < len(text) <= 80 and sum(c.isalnum() for c in text) >= 4
    }
    kept: list[tuple[int, str]] = []
    for number, text in lines:
        if _PAGE_NUMBER.match(text):
            result.removed.append(Removed(number, text.strip(), "a page number"))
        elif text.strip() in repeated:
            why = f"repeated {counts[text.strip()]} times (a running head or foot)"
            result.removed.append(Removed(number, text.strip(), why))
        else:
            kept.append((number, text))
            continue
        # Where the furniture sat inside a sentence, the blank lines around it are not a
        # paragraph break: drop them.
        while kept and not kept[-1][1].strip():
            kept.pop()
        if kept and not _ends_sentence(kept[-1][1]):
            kept.append((number, "\x00join"))
    out: list[tuple[int, str]] = []
    joining = False
    for number, text in kept:
        if text == "\x00join":
            joining = True
            continue
        if joining and not text.strip():
            continue
        joining = False
        out.append((number, text))
    return out


def _width(lines: list[tuple[int, str]]) -> int:
    """The width the text was wrapped at: the 90th percentile of its line lengths."""
    lengths = sorted(len(text) for _, text in lines if text.strip())
    return lengths[(len(lengths) * 9) // 10] if lengths else 0


def _has_room(line: str, following: str, width: int) -> bool:
    """The next line's first word would have fitted on this line."""
    words = following.split()
    return bool(words) and len(line.rstrip()) + 1 + len(words[0]) <= width


def _breaks_after(line: str, following: str, after: str, width: int) -> bool:
    """A paragraph ends at a line that ends a sentence and is followed by a line that starts
    one, when the first line is short (the next line's first word would have fitted on it), or
    the second one is, without ending a sentence (a first line indented in the original)."""
    if not _ends_sentence(line) or not _starts_sentence(following):
        return False
    return _has_room(line, following, width) or (
        not _ends_sentence(following) and _has_room(following, after, width)
    )


def _reflow(lines: list[tuple[int, str]], result: TextImport) -> None:
    width = _width(lines)
    wrapped = width <= _WRAPPED_LIMIT
    vocabulary = Vocabulary("\n".join(text for _, text in lines))
    current: list[str] = []
    start = 0

    def finish() -> None:
        if current:
            # spaces only: a no-break space kept (French spacing) is not collapsed
            result.paragraphs.append(_SPACES.sub(" ", " ".join(current)).strip(" "))
            result.first_lines.append(start)
            current.clear()

    previous, previous_number = "", 0
    for index, (number, text) in enumerate(lines):
        if not text.strip():
            finish()
            previous = ""
            continue
        after = lines[index + 1][1] if index + 1 < len(lines) else ""
        if current and (not wrapped or _breaks_after(previous, text, after, width)):
            finish()
        if not current:
            start = number
            current.append(text.strip())
        elif LINE_END_HYPHEN.search(current[-1]) and text.lstrip()[:1].isalpha():
            first = current[-1].split()[-1]
            word = WORD.match(text.lstrip())
            second = word.group(0) if word else text.split()[0]
            hyphen, why = vocabulary.join(first, second)
            head = current[-1][:-1] + hyphen
            result.hyphens.append(
                Hyphen(previous_number, first, second, head.split()[-1] + second, why)
            )
            current[-1] = head + text.strip()
            result.lines_joined += 1
        else:
            current.append(text.strip())
            result.lines_joined += 1
        previous, previous_number = text, number
    finish()


def import_text(data: bytes) -> TextImport:
    """The paragraphs of a plain text, and every decision taken to find them."""
    text, encoding = decode(data)
    result = TextImport(encoding)
    lines: list[tuple[int, str]] = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        fixed = repair_line(raw)
        if fixed != raw.rstrip():
            changed = differences(raw.rstrip(), fixed)
            result.repairs.append(Repair(number, raw.rstrip(), fixed, changed))
        lines.append((number, fixed))
    _reflow(_furniture(lines, result), result)
    return result


_TITLE_MAX = 120


def _title_line(found: TextImport) -> str | None:
    """The first paragraph, when it looks like a title: one short line with no end punctuation,
    and text after it."""
    if len(found.paragraphs) < 2:
        return None
    first = found.paragraphs[0]
    if len(first) > _TITLE_MAX or first.rstrip().endswith(tuple(".,;:!?…-")):
        return None
    return first


def extract(data: bytes) -> Extraction:
    """A plain text's paragraphs (its first line as the title, when it is one), without the
    boilerplate around the article (boilerplate.py), with every decision for the review
    report."""
    found = import_text(data)
    result = Extraction("plain text")
    sorting = sort_blocks(found.paragraphs, found.first_lines)
    if sorting.title is None and sorting.kept[:1] == [0] and _title_line(found) is not None:
        sorting.title, sorting.kept = 0, sorting.kept[1:]  # no prose: the first line as before
    if sorting.title is not None:
        line = found.first_lines[sorting.title]
        where = (
            "the text's first line" if sorting.title == 0 else "the first line before the article"
        )
        result.meta["title"] = Found(found.paragraphs[sorting.title], f"{where}, line {line}")
    result.meta.update(sorting.meta)
    result.blocks = [
        Block(found.paragraphs[i], f"line {found.first_lines[i]}") for i in sorting.kept
    ]
    repaired = sum(r.changed for r in found.repairs)
    result.facts = [
        f"read as {found.encoding}",
        f"{plural(len(result.blocks), 'paragraph')} found, "
        f"{plural(found.lines_joined, 'line')} joined, "
        f"{plural(len(found.hyphens), 'line-end hyphen')} resolved",
        f"page furniture removed: {plural(len(found.removed), 'line')}",
        f"blocks dropped as boilerplate: {len(sorting.dropped)}",
        f"characters repaired: {repaired} in {plural(len(found.repairs), 'line')}",
    ]
    result.sections = [
        Section(
            "Line-end hyphens",
            tuple(
                f"line {h.line}: {h.first} + {h.second} -> {h.result} ({h.why})"
                for h in found.hyphens
            ),
        ),
        Section(
            "Page furniture removed",
            tuple(f"line {r.line}: {r.text!r} ({r.why})" for r in found.removed),
        ),
        Section(
            "Blocks dropped as boilerplate",
            tuple(f"line {d.line}: {d.text!r} ({d.why})" for d in sorting.dropped),
        ),
        Section(
            "Characters repaired",
            tuple(f"line {r.line}: {r.before!r}\n       -> {r.after!r}" for r in found.repairs),
        ),
    ]
    return result
