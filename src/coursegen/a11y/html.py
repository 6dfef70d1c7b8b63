"""The checks of one built HTML page (`--format html`): the page's language and title, headings
without skipped levels, and language of parts by script: the words of each piece of text against
the language it is in (the `lang` of its nearest element that has one), as docx.py checks runs
and pdf.py checks marked content."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import html as lxml_html  # type: ignore[import-untyped]
from lxml.etree import LxmlError  # type: ignore[import-untyped]

from . import findings as f
from .findings import Finding
from .scripts import foreign_words

Element = Any  # an lxml element (lxml has no type hints)
EXAMPLES = 3
_NOT_TEXT = {"style", "script", "template"}
_HEADINGS = {f"h{level}": level for level in range(1, 7)}


def check_html(path: Path, shown: str) -> list[Finding]:
    try:
        root = lxml_html.document_fromstring(path.read_bytes())
    except (LxmlError, ValueError, OSError) as exc:
        return [Finding(shown, f.UNREADABLE, f"cannot be read as an HTML page: {exc}")]
    out = []
    page = (root.get("lang") or "").strip()
    if not page:
        out.append(
            Finding(
                shown,
                f.LANGUAGE_OF_PAGE,
                "<html> has no lang, so a screen reader cannot tell which language to read it in",
            )
        )
    title = root.find("head/title")
    if title is None or not (title.text_content() or "").strip():
        out.append(Finding(shown, f.PAGE_TITLED, "the page has no <title>"))
    out += _skipped_levels(root, shown)
    out += _language_of_parts(root, page, shown)
    return out


def _skipped_levels(root: Element, shown: str) -> list[Finding]:
    """A heading more than one level below the one before it (h2 then h4), or a first heading
    that is not h1: the outline a screen reader shows has a gap there."""
    skipped = []
    before = 0
    for element in root.iter(*_HEADINGS):
        level = _HEADINGS[element.tag]
        if level > before + 1:
            text = " ".join(element.text_content().split())[:50]
            skipped.append(f'h{level} "{text}" after {f"h{before}" if before else "no heading"}')
        before = level
    if not skipped:
        return []
    return [
        Finding(
            shown,
            f.INFO_AND_RELATIONSHIPS,
            f"heading levels skipped: {_examples(skipped, quote=False)}",
        )
    ]


def _texts(element: Element, language: str) -> Iterator[tuple[str, str]]:
    """(text, its language) for every piece of text under `element`, in document order."""
    if not isinstance(element.tag, str) or element.tag in _NOT_TEXT:
        return
    own = (element.get("lang") or "").strip() or language
    if element.text:
        yield element.text, own
    for child in element:
        yield from _texts(child, own)
        if child.tail:
            yield child.tail, own


def _language_of_parts(root: Element, page: str, shown: str) -> list[Finding]:
    found: dict[tuple[str, str], list[str]] = {}
    body = root.find("body")
    for text, language in _texts(body if body is not None else root, page):
        if not language:
            continue
        for word, script in foreign_words(text, language):
            found.setdefault((script, language), []).append(word)
    return [
        Finding(
            shown,
            f.LANGUAGE_OF_PARTS,
            f"{len(words)} word{'s' if len(words) > 1 else ''} in {script} script marked as "
            f"'{language}' ({_examples(words)}); a screen reader reads them with the wrong "
            "voice: give the element that holds them its language (lang)",
        )
        for (script, language), words in sorted(found.items())
    ]


def _examples(items: list[str], quote: bool = True) -> str:
    shown = ", ".join(f'"{item[:50]}"' if quote else item for item in items[:EXAMPLES])
    return shown + (", …" if len(items) > EXAMPLES else "")
