"""Course-wide checks on content that loaded: words that look like glossary terms but have no entry."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import Diagnostic, Severity
from .articles import Article
from .glossary import Glossary
from .lessons import Lesson
from .noise import MARKUP

# An acronym of two or more capitals (NATO, CSTO) or a form like G8 or P5+1, standing alone.
_LIKELY_TERM = re.compile(r"(?<![^\W_])(?:[A-Z]{2,}[0-9]*|[A-Z][0-9]+)(?:\+[0-9]+)?(?![^\W_])")
_NOT_TERMS = frozenset({"US", "USA", "UK", "OK", "TV", "AM", "PM", "AD", "BC", "CE", "BCE", "PS"})
_ROMAN = re.compile(r"^[IVXLC]+$")
_WORD = re.compile(r"[^\W_]+")


def unknown_term_warnings(
    lessons: Iterable[Lesson], glossary: Glossary, not_acronyms: Iterable[str] = ()
) -> list[Diagnostic]:
    """Warn about acronyms and forms like G8 in the excerpts that the glossary does not define,
    except the words the course says are not terms (course.yaml `not_acronyms`)."""
    not_terms = _NOT_TERMS | frozenset(not_acronyms)
    warnings: dict[tuple[str, str], Diagnostic] = {}
    words: dict[str, frozenset[str]] = {}  # each article's words, read once
    for lesson in lessons:
        for excerpt in lesson.excerpts:
            article = excerpt.article
            for passage in excerpt.passages:
                covered = [(m.start, m.end) for m in glossary.find(passage.text, article.language)]
                if "<" in passage.text:  # no acronyms inside HTML tags (<BODY BGCOLOR=…>)
                    covered += [m.span() for m in MARKUP.finditer(passage.text)]
                for found in _LIKELY_TERM.finditer(passage.text):
                    word = found.group()
                    if (
                        word in not_terms
                        or _ROMAN.match(word)
                        or any(s <= found.start() < e for s, e in covered)
                        or glossary.lookup(word) is not None
                        or (article.id, word) in warnings
                        or _also_written_as_a_word(word, article, words)
                    ):
                        continue
                    paragraph = article.paragraph(passage.number)
                    warnings[(article.id, word)] = Diagnostic(
                        article.rel,
                        paragraph.line,
                        1,
                        f"'{word}' (¶{passage.number}) looks like a glossary term, "
                        "but the glossary has no entry for it",
                        hint="add it to glossary.yaml with a definition; or, if it is not a "
                        "term (a party's name, an abbreviation), list it under not_acronyms "
                        "in course.yaml",
                        severity=Severity.WARNING,
                    )
    return list(warnings.values())


def _also_written_as_a_word(word: str, article: Article, words: dict[str, frozenset[str]]) -> bool:
    """MOSCOW in a dateline is a word in capitals, not an acronym, when 'Moscow' appears too.

    The article's words are collected once, so that the check stays linear in its length."""
    capitalised = word.capitalize()
    if capitalised == word:
        return False
    found = words.get(article.id)
    if found is None:
        found = words[article.id] = frozenset(
            w for p in article.paragraphs for w in _WORD.findall(p.text)
        )
    return capitalised in found
