"""Resolve an excerpt (paragraph ranges or from/to text anchors) to the passages it shows."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cached_property

from .articles import Article
from .textnorm import fold, fold_with_map, original_end


@dataclass(frozen=True)
class Passage:
    """One paragraph of an excerpt, or the part of it the excerpt covers."""

    number: int
    text: str
    starts_mid: bool = False
    ends_mid: bool = False
    heading: str | None = None


@dataclass(frozen=True)
class Excerpt:
    """What a lesson shows of an article: its passages, under an id such as A."""

    id: str
    article: Article
    passages: tuple[Passage, ...]
    note: str | None = None
    note_language: str | None = None  # None: the course's

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(p.number for p in self.passages))


class ExcerptProblem(Exception):
    """An excerpt cannot be resolved; `field` names the key whose value is wrong."""

    def __init__(self, field: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class _Hit:
    paragraph: int  # 0-based index
    start: int  # offsets in the paragraph's original text
    end: int


class ArticleIndex:
    """Folded paragraph texts of one article, for anchor search."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.folded = [fold_with_map(p.text) for p in article.paragraphs]

    def find(self, anchor: str) -> list[_Hit]:
        needle = fold(anchor.strip())
        hits = []
        for index, (text, mapping) in enumerate(self.folded):
            start = text.find(needle)
            while start != -1:
                original = self.article.paragraphs[index].text
                end = original_end(mapping, start + len(needle), original)
                hits.append(_Hit(index, mapping[start], end))
                start = text.find(needle, start + 1)
        return hits

    @cached_property
    def _windows(self) -> list[tuple[int, list[str]]]:
        return [(i, text.split(" ")) for i, (text, _) in enumerate(self.folded)]

    def closest(self, anchor: str) -> tuple[str, int] | None:
        """The passage most like `anchor`, with its paragraph number."""
        needle = fold(anchor.strip()).casefold()
        size = max(1, len(needle.split(" ")))
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(needle)
        best: tuple[float, str, int] | None = None
        for index, words in self._windows:
            for start in range(max(1, len(words) - size + 1)):
                window = " ".join(words[start : start + size])
                matcher.set_seq1(window.casefold())
                if best and matcher.real_quick_ratio() <= best[0]:
                    continue
                if best and matcher.quick_ratio() <= best[0]:
                    continue
                ratio = matcher.ratio()
                if best is None or ratio > best[0]:
                    best = (ratio, window, index + 1)
        if best is None or best[0] < 0.4:
            return None
        return best[1], best[2]


def whole_paragraphs(article: Article, ranges: tuple[tuple[int, int], ...]) -> tuple[Passage, ...]:
    count = len(article.paragraphs)
    passages: list[Passage] = []
    for first, last in ranges:
        if last > count:
            wrong = first if first > count else last
            raise ExcerptProblem(
                "paragraphs",
                f"paragraph {wrong} is out of range: article '{article.id}' has "
                f"{count} paragraph{'s' if count != 1 else ''}",
            )
        for number in range(first, last + 1):
            paragraph = article.paragraph(number)
            passages.append(Passage(number, paragraph.text, heading=paragraph.heading))
    return tuple(passages)


def anchored(index: ArticleIndex, start_text: str, end_text: str | None) -> tuple[Passage, ...]:
    article = index.article
    start = _unique(index, "from", start_text)
    if end_text is None:
        end = _Hit(
            start.paragraph,
            len(article.paragraphs[start.paragraph].text),
            len(article.paragraphs[start.paragraph].text),
        )
    else:
        end = _unique(index, "to", end_text)
        if (end.paragraph, end.end) <= (start.paragraph, start.start):
            raise ExcerptProblem(
                "to",
                f"the 'to' text \"{end_text}\" comes before the 'from' text in article '{article.id}'",
                hint="'to' marks where the excerpt ends: choose words after the 'from' text",
            )
    passages = []
    for i in range(start.paragraph, end.paragraph + 1):
        paragraph = article.paragraphs[i]
        lo = start.start if i == start.paragraph else 0
        hi = end.end if i == end.paragraph else len(paragraph.text)
        passages.append(
            Passage(
                paragraph.number,
                paragraph.text[lo:hi].strip(),
                starts_mid=lo > 0,
                ends_mid=hi < len(paragraph.text.rstrip()),
                heading=paragraph.heading if lo == 0 else None,
            )
        )
    return tuple(passages)


def _unique(index: ArticleIndex, field: str, anchor: str) -> _Hit:
    article = index.article
    hits = index.find(anchor)
    if len(hits) == 1:
        return hits[0]
    if not hits:
        closest = index.closest(anchor)
        where = f'; closest: "{closest[0]}" (¶{closest[1]})' if closest else ""
        raise ExcerptProblem(
            field,
            f"\"{anchor}\" not found in article '{article.id}'{where}",
            hint="copy the words exactly from the article (spacing, quotes and dashes may differ)",
        )
    numbers = sorted({hit.paragraph + 1 for hit in hits})
    shown = ", ".join(f"¶{n}" for n in numbers[:5]) + (", …" if len(numbers) > 5 else "")
    raise ExcerptProblem(
        field,
        f"\"{anchor}\" occurs {len(hits)} times in article '{article.id}' ({shown})",
        hint="an anchor must occur once: add words before or after it",
    )
