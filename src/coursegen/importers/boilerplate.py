"""What surrounds an article in pasted or saved text: its core found, and the blocks around it
told apart (a dateline, a byline, an author's note, boilerplate), each with the reason why.

The core is the run of blocks from the first to the last prose paragraph (in sentence form,
with two sentences or more, or 25 words or more), widened by the sentences right beside it.
Around the core every block is dropped: a dateline and a byline give the date and the author,
an author's note at the end ("X is …; this article first appeared in P") the author and the
publication, and the rest is boilerplate. Inside the core, only short blocks that are
boilerplate by their words (a donation plea, "Advertisement", "Share this article"…) go.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .extraction import Found

_END = tuple(".!?…。！？؟")
_CLOSERS = "\"'”’»)]"
_SENTENCE_END = re.compile(r"[.!?…。！？؟][\"'”’»)\]]*(?:\s+|$)")
_PROSE_WORDS = 25
_SHORT_WORDS = 30  # a block inside the core is dropped by its words only up to this length
_REPEATED_WORDS = 8  # a line this short seen twice around the core is a label or a name

# Boilerplate by its words: what it is, and phrases that say so.
_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (why, re.compile(pattern, re.IGNORECASE))
    for why, pattern in (
        (
            "a donation plea",
            r"\bsupport (?:us|truly|our|independent)\b|\bevery contribution\b|"
            r"\b(?:make|making) a (?:donation|contribution)\b|\bdonate\b|"
            r"\bwhether [$€£]\s?\d+ or [$€£]\s?\d+|\bbecome a (?:supporter|member|patron)\b",
        ),
        (
            "a subscription or newsletter offer",
            r"\bsubscribe\b|\bsubscription\b|\bnewsletters?\b|\balready a subscriber\b|"
            r"\bfree trial\b|\bsubscribers? only\b",
        ),
        (
            "a comment-forum notice",
            r"\bcomment(?:ing)? (?:forum|section|policy)\b|\b(?:leave|post|add) a comment\b|"
            r"\bcomments? (?:are|is) (?:closed|open)\b|\b(?:view|show|read) (?:all )?comments\b|"
            r"\bjoin (?:the|our) (?:conversation|discussion|debate|commenting)\b|"
            r"\bsee their replies\b",
        ),
        (
            "a login or registration notice",
            r"\blog(?:ged)? ?in\b|\bsign ?in\b|\bthank you for registering\b|"
            r"\bregister (?:now|for free|to)\b|\bcreate (?:an|your) account\b|"
            r"\brefresh (?:the|this|your) (?:page|browser)\b",
        ),
        (
            "a share or follow prompt",
            r"\bshare (?:this|on|via)\b|\bfollow us\b|\bclick to share\b|"
            r"\bemail (?:this|to a friend)\b|\bcopy link\b",
        ),
        ("a cookie notice", r"\bcookies?\b|\bprivacy (?:policy|settings)\b"),
        (
            "an advertisement or a link to other pages",
            r"^\W*(?:advertisement|advert|sponsored(?: content)?|promoted|ad)\W*$|"
            r"\bskip to (?:main )?content\b|^\W*(?:read more|related(?: articles| stories)?|"
            r"most (?:read|popular)|read next|more from|recommended|you may also like)\b",
        ),
    )
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            "january jan janvier enero januar",
            "february feb février fevrier febrero februar",
            "march mar mars marzo märz",
            "april apr avril abril",
            "may mai mayo",
            "june jun juin junio juni",
            "july jul juillet julio juli",
            "august aug août aout agosto",
            "september sep sept septembre septiembre",
            "october oct octobre octubre oktober",
            "november nov novembre noviembre",
            "december dec décembre decembre diciembre dezember",
        ),
        1,
    )
    for name in names.split()
}
_DAY_MONTH_YEAR = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th|er)?\.?\s+(?:de\s+)?([^\W\d_]+)\.?,?\s+(?:de\s+)?(\d{4})\b"
)
_MONTH_DAY_YEAR = re.compile(r"\b([^\W\d_]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DATELINE_WORDS = 12
_BYLINE = re.compile(r"^(?:by|par|von|por|di|door)\s+(.+)$", re.IGNORECASE)
_PARTICLES = {"van", "von", "de", "da", "del", "der", "di", "du", "la", "le", "bin", "ibn", "al"}
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bet\b|\bund\b|\by\b)\s*")
_BIO = re.compile(r"^(.+?)\s+(?:is|was|has been|serves as)\s+\S")
_FIRST_APPEARED = re.compile(
    r"\b(?:first|originally)\s+(?:appeared|published|ran)\s+(?:in|on|by)\s+"
    r"(?:the\s+(?=[a-z]))?(.+?)(?:,|\s+on\s+|\s+in\s+\d|[.!]?$)"
)


@dataclass(frozen=True)
class Dropped:
    line: int
    text: str
    why: str


@dataclass
class Sorted:
    """Which blocks are the article's, which were dropped and why, and what they told."""

    kept: list[int] = field(default_factory=list)  # indexes of the blocks kept
    dropped: list[Dropped] = field(default_factory=list)
    meta: dict[str, Found] = field(default_factory=dict)
    title: int | None = None  # index of the block taken as the title


def sentence_form(text: str) -> bool:
    """Starts as a sentence does (not in lower case) and ends with a sentence's punctuation."""
    first = next((c for c in text if c.isalnum()), "")
    return bool(first) and not first.islower() and text.rstrip().rstrip(_CLOSERS).endswith(_END)


def words(text: str) -> int:
    """Words in a block; text without spaces (Chinese, Japanese) counts a word for 3 characters."""
    return max(len(text.split()), len(text) // 6 if " " in text else len(text) // 3)


def sentences(text: str) -> int:
    return len(_SENTENCE_END.findall(text.strip()))


def is_prose(text: str) -> bool:
    return sentence_form(text) and (sentences(text) >= 2 or words(text) >= _PROSE_WORDS)


def boilerplate_phrase(text: str) -> str | None:
    """What the block is by its words, when they say it is boilerplate."""
    for why, pattern in _PHRASES:
        if pattern.search(text):
            return why
    return None


def parse_date(text: str) -> str | None:
    """The first date written in full in `text` (day, month name, year; or ISO), as YYYY-MM-DD."""
    candidates: list[tuple[int, int, int, int]] = []  # position, year, month, day
    for m in _ISO.finditer(text):
        candidates.append((m.start(), int(m[1]), int(m[2]), int(m[3])))
    for m in _DAY_MONTH_YEAR.finditer(text):
        month = _MONTHS.get(m[2].casefold())
        if month:
            candidates.append((m.start(), int(m[3]), month, int(m[1])))
    for m in _MONTH_DAY_YEAR.finditer(text):
        month = _MONTHS.get(m[1].casefold())
        if month:
            candidates.append((m.start(), int(m[3]), month, int(m[2])))
    for _, year, month, day in sorted(candidates):
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return None


def is_name(text: str) -> bool:
    """Two to five words, each capitalised (or a particle such as 'van', 'de'), no sentence."""
    parts = text.strip().split()
    if not 2 <= len(parts) <= 5 or not parts[0][0].isupper() or not parts[-1][0].isupper():
        return False
    return all(
        (p[0].isupper() and p.replace(".", "").replace("-", "").replace("'", "").isalpha())
        or p.casefold() in _PARTICLES
        for p in parts
    )


def byline(text: str) -> list[str]:
    """The names a byline gives: 'By Jane Doe', 'By Jane Doe and John Roe, Reuters',
    'Jane Doe and John Roe'; none when the block is not one."""
    if len(text.split()) > 14:
        return []
    match = _BYLINE.match(text.strip())
    if match:  # a role or an agency may follow the names after a comma
        parts = _NAME_SPLIT.split(match[1].split(",")[0])
        return [p.strip() for p in parts if is_name(p.strip())]
    parts = _NAME_SPLIT.split(text.strip())
    names = [p.strip() for p in parts if is_name(p.strip())]
    return names if len(names) >= 2 and len(names) == len([p for p in parts if p]) else []


def first_appeared(text: str) -> str | None:
    """The publication in 'This article first appeared in Newsweek.'"""
    match = _FIRST_APPEARED.search(text)
    return match[1].strip() if match else None


def author_note(text: str, title: str, names: list[str]) -> str | None:
    """The author in a note such as "Sergey Lavrov is Russia's foreign affairs minister.", when
    the name is in the title or in a byline."""
    match = _BIO.match(text.strip())
    if not match or not is_name(match[1]) or words(text) > 60:
        return None
    name = match[1]
    known = [title.casefold(), *(n.casefold() for n in names)]
    return name if any(name.casefold() in k for k in known) else None


def _short(text: str) -> str:
    return f"{text[:60]}…" if len(text) > 60 else text


class _Blocks:
    """The facts about each block that do not depend on where the article is."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.phrase = [boilerplate_phrase(t) for t in texts]
        self.date = [parse_date(t) if words(t) <= _DATELINE_WORDS else None for t in texts]
        self.names = [byline(t) for t in texts]
        counts = Counter(t.strip() for t in texts if words(t) <= _REPEATED_WORDS)
        self.repeated = [
            counts.get(t.strip(), 0) if words(t) <= _REPEATED_WORDS else 0 for t in texts
        ]

    def marked(self, i: int) -> bool:
        """Said by its own words to be something other than the article's text."""
        return bool(self.phrase[i] or self.date[i] or self.names[i] or self.repeated[i] > 1)

    def prose(self, i: int) -> bool:
        return not self.marked(i) and is_prose(self.texts[i])


def _title_like(text: str) -> bool:
    return len(text) <= 120 and not text.rstrip().endswith(tuple(".,;:!?…-"))


def sort_blocks(texts: list[str], lines: list[int], title: str | None = None) -> Sorted:
    """Find the article among `texts` (blocks starting at source `lines`); `title`, when given,
    was found elsewhere (then no block is taken as the title)."""
    blocks = _Blocks(texts)
    prose = [i for i in range(len(texts)) if blocks.prose(i)]
    result = Sorted()
    if not prose:
        result.kept = list(range(len(texts)))
        return result
    start = prose[0]
    if title is None:
        result.title = next(
            (i for i in range(start) if not blocks.marked(i) and _title_like(texts[i])), None
        )
        title = texts[result.title] if result.title is not None else ""
    names = [name for found in blocks.names for name in found]
    note = _trailing_note(blocks, title, names, prose[-1])
    end = max((i for i in prose if i != note), default=start)
    start = _widen(blocks, start, -1, (result.title, note))
    end = _widen(blocks, end, 1, (result.title, note))
    for i, text in enumerate(texts):
        if i == result.title:
            continue
        inside = start <= i <= end
        why = _inside_why(blocks, i) if inside else _outside_why(blocks, i, title, names, note)
        if why is None:
            result.kept.append(i)
            continue
        result.dropped.append(Dropped(lines[i], _short(text), why))
        _found(blocks, i, lines[i], title, names, note, result.meta)
    _between_pleas(result)
    return result


def _trailing_note(blocks: _Blocks, title: str, names: list[str], last: int) -> int | None:
    """The index of an author's note or a 'first appeared in' note at the end, if any: the last
    block in sentence form that is not boilerplate by its words."""
    for i in range(len(blocks.texts) - 1, last - 1, -1):
        text = blocks.texts[i]
        if blocks.marked(i) or not sentence_form(text):
            continue
        if author_note(text, title, names) or (words(text) <= 40 and first_appeared(text)):
            return i
        return None
    return None


def _widen(blocks: _Blocks, edge: int, step: int, taken: tuple[int | None, ...]) -> int:
    """The core's edge moved out (step -1 before it, 1 after it) over the sentences beside it,
    and over short boilerplate blocks with a sentence beyond them (an 'Advertisement' before
    the last paragraph), unless that sentence sits between two blocks of the same boilerplate
    (then it is part of it: 'Our mission is…' inside a donation plea)."""
    i, crossed = edge + step, None
    while 0 <= i < len(blocks.texts) and i not in taken:
        phrase = blocks.phrase[i]
        if phrase and words(blocks.texts[i]) <= _SHORT_WORDS:
            crossed = phrase
        elif _stops(blocks, i, step, crossed):
            break
        else:
            edge = i
        i += step
    return edge


def _stops(blocks: _Blocks, i: int, step: int, crossed: str | None) -> bool:
    if blocks.marked(i) or not sentence_form(blocks.texts[i]):
        return True
    return crossed is not None and _next_marked_phrase(blocks, i, step) == crossed


def _next_marked_phrase(blocks: _Blocks, i: int, step: int) -> str | None:
    i += step
    while 0 <= i < len(blocks.texts) and not blocks.marked(i):
        i += step
    return blocks.phrase[i] if 0 <= i < len(blocks.texts) else None


def _inside_why(blocks: _Blocks, i: int) -> str | None:
    phrase = blocks.phrase[i]
    return phrase if phrase and words(blocks.texts[i]) <= _SHORT_WORDS else None


def _outside_why(blocks: _Blocks, i: int, title: str, names: list[str], note: int | None) -> str:
    text = blocks.texts[i]
    if i == note:
        author = author_note(text, title, names)
        publication = first_appeared(text)
        told = [f"author {author}"] if author else []
        told += [f"publication {publication}"] if publication else []
        return f"the author's note: {', '.join(told)} in the front matter"
    if blocks.date[i]:
        return f"a dateline: {blocks.date[i]}"
    if blocks.names[i]:
        return f"a byline: {' and '.join(blocks.names[i])}"
    if blocks.phrase[i]:
        return str(blocks.phrase[i])
    if blocks.repeated[i] > 1:
        return f"a name or a label repeated {blocks.repeated[i]} times around the article"
    if not sentence_form(text):
        return "not a sentence, outside the article"
    return "outside the article, cut off from it by the blocks dropped beside it"


def _found(
    blocks: _Blocks,
    i: int,
    line: int,
    title: str,
    names: list[str],
    note: int | None,
    meta: dict[str, Found],
) -> None:
    """Record what a dropped block tells: the first dateline's date, the byline's authors, the
    author's note's author and publication."""
    text = blocks.texts[i]
    if i == note:
        author = author_note(text, title, names)
        if author and "author" not in meta:
            meta["author"] = Found(
                author,
                f"the author's note, line {line} (the name is in the "
                f"{'title' if author.casefold() in title.casefold() else 'byline'})",
            )
        publication = first_appeared(text)
        if publication:
            said = _FIRST_APPEARED.search(text)
            phrase = said[0].rstrip(",. ") if said else publication
            meta["publication"] = Found(publication, f"the author's note, line {line}: '{phrase}'")
    elif blocks.date[i] and "date" not in meta:
        meta["date"] = Found(str(blocks.date[i]), f"the dateline, line {line}")
    elif blocks.names[i] and "author" not in meta:
        meta["author"] = Found(" and ".join(blocks.names[i]), f"the byline, line {line}")


_GENERIC = ("not a sentence, outside", "outside the article, cut off")


def _between_pleas(result: Sorted) -> None:
    """A block dropped for no reason of its own, between two blocks dropped for the same
    boilerplate reason, is part of what they are (the 'Our mission is…' sentence and the
    'independent journalism' line inside a donation plea)."""
    dropped = result.dropped
    reasons = [d.why if not d.why.startswith(_GENERIC) else None for d in dropped]
    phrases = {reason for reason, _ in _PHRASES}
    for k, reason in enumerate(reasons):
        if reason is not None:
            continue
        before = next((r for r in reversed(reasons[:k]) if r is not None), None)
        after = next((r for r in reasons[k + 1 :] if r is not None), None)
        if before == after and before in phrases:
            dropped[k] = Dropped(dropped[k].line, dropped[k].text, f"inside {before}")
