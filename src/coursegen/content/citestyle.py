"""Citations in a named style (course.yaml `citation_style:`), formatted by citeproc-py.

The styles are the Citation Style Language's own files, vendored in data/csl/ (see the README
there): Chicago author-date (18th ed.), APA 7 and MLA 9. The reference processor they are
checked against is pandoc's citeproc (tests/test_citation_styles.py, whose expected strings
pandoc 3.9 wrote); citeproc-py, the processor that runs in-process, differs from it in ways
that each have a workaround below, marked "citeproc-py:".

CSL versions. The files declare CSL 1.0 and pass citeproc-py's CSL 1.0.1 schema, but they use
1.0.2 names: the item types `document` (what content/citation.py makes of a UN document or a
government statement) and the variable `event-title` (a speech's `event:`). citeproc-py
compares an item's type as a plain string, so `document` takes the styles' `document`
branches as it does in pandoc; it warns that `event-title` is unknown but keeps it, and the
styles ask for `event-title` before `event`. On the golden sources both give pandoc's output,
so the item goes in as content/citation.py writes it, with three changes pandoc also makes
when it reads CSL-JSON (see `_prepared`): lower-case words leading a family name are its
particle ("de Gaulle": particle "de", family "Gaulle"), straight apostrophes are typographic,
and the style's locale is the course language's (citeproc-py ships the CSL locales), else
its main dialect's, else en-US.

Output is text: runs with italics marked, never HTML.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from citeproc import (
    PRIMARY_DIALECTS,
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    model,
)
from citeproc.frontend import LOCALES_PATH
from citeproc.source import VariableError
from citeproc.source.json import CiteProcJSON
from lxml import etree  # type: ignore[import-untyped]

from .articles import Article
from .citation import csl_item

CSL_DIR = Path(__file__).resolve().parent.parent / "data" / "csl"
# the names course.yaml accepts, and the file of each
STYLES = {
    "chicago-author-date": "chicago-author-date.csl",
    "apa": "apa.csl",
    "mla": "modern-language-association.csl",
}
_NS = "http://purl.org/net/xbiblio/csl"
_ITALIC_ON, _ITALIC_OFF = "\ue000", "\ue001"  # private-use marks around italic text
_NOT_TEXT = {"id", "URL", "DOI", "language", "type"}  # values that are not prose


@dataclass(frozen=True)
class Run:
    """A run of a formatted citation: its text, and whether it is set in italics."""

    text: str
    italic: bool = False

    @staticmethod
    def join(runs: tuple[Run, ...]) -> str:
        return "".join(run.text for run in runs)


# --- workarounds, as subclasses of citeproc-py's elements, used only by styles loaded here ---


class _Name(model.Name):  # type: ignore[misc]
    # citeproc-py: `initialize="false"` on cs:name is ignored, so a style-wide
    # `initialize-with=". "` turns every given name into initials ("Lavrov, S." where Chicago
    # and MLA print "Lavrov, Sergey"). Here the attribute switches initialising off.
    def get_option(self, name: str, context: Any = None, sort_options: Any = None) -> Any:
        if name == "initialize-with" and self.get("initialize") == "false":
            return None
        return super().get_option(name, context, sort_options)


class _Label(model.Label):  # type: ignore[misc]
    # citeproc-py: a cs:label with a `variable` is printed even when the item has no such
    # variable (Chicago prints "Edition." after every newspaper article). CSL prints a label
    # only with its variable; here an empty variable gives no label.
    def process(self, item: Any, variable: Any = None, *args: Any, **kwargs: Any) -> Any:
        own = self.get("variable")
        if variable is None and own not in (None, "locator"):
            try:
                value = item.reference[own.replace("-", "_")]
            except (VariableError, KeyError):
                value = None
            if not value:
                return None
        return super().process(item, variable, *args, **kwargs)

    # citeproc-py: a label's text-case="title" is skipped, because the label's language is
    # not passed down (APA's "(ed.)" for pandoc's "(Ed.)"). The label is the locale's word.
    def markup(self, text: Any) -> Any:
        if not text:
            return None
        language = self.get_root().get("default-locale", "en-US")[:2]  # set by _Style
        return self.wrap(self.format(self.case(self.strip_periods(text), language)))


class _Text(model.Text):  # type: ignore[misc]
    # citeproc-py: its title case capitalises particles that pandoc (and CSL's usage) leave
    # alone: "Charles De Gaulle". pandoc's citeproc keeps these words as written.
    _stop_words: ClassVar[list[str]] = [*model.TextCased._stop_words, "de", "d'", "van", "von"]

    # citeproc-py: title case skips a word that opens with a bracket ("The Independent (first
    # Published in Newsweek)"), since "(" has no capital. pandoc capitalises the word's first
    # letter, as below, unless it is a stop word.
    def case(self, text: Any, language: Any = None) -> Any:
        result = super().case(text, language)
        if self.get("text-case") != "title" or not isinstance(result, str) or result == text:
            return result

        def capital(match: re.Match[str]) -> str:
            word = match.group(3)
            first = word if word in self._stop_words else word[0].upper() + word[1:]
            return match.group(1) + match.group(2) + first

        return result.__class__(re.sub(r"(^|\s)([(\[])([a-z][\w’'-]*)", capital, result))

    # citeproc-py: with page-range-format minimal-two (MLA), a first page of one digit gives
    # a negative index and "5-49" becomes "5–9". A last page longer than the first has no
    # digits to drop in any format: it is printed whole.
    def _format_last_page(self, first: str, last: str) -> str:
        if len(last) > len(first):
            return last
        result: str = super()._format_last_page(first, last)
        return result


class _Substitute(model.Substitute):  # type: ignore[misc]
    # citeproc-py: when a cs:substitute falls back to a macro (MLA's author is replaced by the
    # title for a treaty), only the macro call is suppressed afterwards, not the variables the
    # macro printed, so the title is printed twice. CSL suppresses the substituted variables:
    # here every variable the macro's cs:text elements print for this item is.
    def render(self, item: Any, context: Any = None, **kwargs: Any) -> Any:
        for child in self.getchildren():  # as citeproc-py's own, then the macro's variables
            try:
                if isinstance(child, model.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except VariableError:
                continue
            if text:
                self.add_to_repressed_list(child, context)
                if child.tag == f"{{{_NS}}}text" and child.get("macro"):
                    self._repress_macro(child.get_macro(child.get("macro")), item, context)
                return text
        return None

    def _repress_macro(
        self, macro: Any, item: Any, context: Any, seen: frozenset[str] = frozenset()
    ) -> None:
        repressed = context.get_layout().repressed
        for element in macro.iter(f"{{{_NS}}}text"):
            variable, called = element.get("variable"), element.get("macro")
            if variable and variable.replace("-", "_") in item.reference:
                repressed.setdefault(element.tag, []).append(variable)
            elif called and called not in seen:  # the macros it calls, each once
                inner = element.get_macro(called)
                self._repress_macro(inner, item, context, seen | {called})


_OVERRIDES = {"name": _Name, "label": _Label, "text": _Text, "substitute": _Substitute}


class _Style(CitationStylesStyle):  # type: ignore[misc]
    """citeproc-py's style, parsed with the classes above in place of its own (only here)."""

    def __init__(self, path: Path, locale: str) -> None:
        lookup = etree.ElementNamespaceClassLookup()
        namespace = lookup.get_namespace(_NS)
        namespace[None] = model.CitationStylesElement
        for cls in model.CitationStylesElement.__subclasses__():
            namespace[cls.__name__.replace("_", "-").lower()] = cls
        namespace.update(_OVERRIDES)
        self.parser = etree.XMLParser(remove_comments=True, encoding="UTF-8", no_network=True)
        self.parser.set_element_class_lookup(lookup)
        self.xml = etree.parse(str(path), self.parser)
        self.root = self.xml.getroot()
        # the locale is the course's: also the language of items that do not give theirs
        self.root.set("default-locale", locale)
        self.root.set_locale_list(locale, validate=False)


class _Marked:
    """A citeproc-py formatter: plain text, with italic runs between private-use marks."""

    @staticmethod
    def preformat(text: str) -> str:
        return text

    @staticmethod
    def Italic(text: str) -> str:  # citeproc-py's name
        return _ITALIC_ON + text + _ITALIC_OFF

    Oblique = Italic
    Bold = Light = Underline = Superscript = Subscript = SmallCaps = str


def locale_for(language: str) -> str:
    """The CSL locale for a course language: its own, else its main dialect's, else en-US."""
    available = {p.stem.removeprefix("locales-") for p in Path(LOCALES_PATH).glob("locales-*.xml")}
    if language in available:
        return language
    primary = PRIMARY_DIALECTS.get(language.split("-")[0].lower())
    return primary if primary in available else "en-US"


@cache
def load_style(name: str, locale: str = "en-US") -> CitationStylesStyle:
    """The parsed style `name` (a key of STYLES) with its locale, loaded once."""
    return _Style(CSL_DIR / STYLES[name], locale)


@cache
def _punctuation_in_quote(locale: str) -> bool:
    root = etree.parse(str(Path(LOCALES_PATH) / f"locales-{locale}.xml")).getroot()
    options = root.find(f"{{{_NS}}}style-options")
    return options is not None and options.get("punctuation-in-quote") == "true"


_PARTICLE = re.compile(r"^((?:[a-z\u00e0-\u00ff']+ )+)(.+)$")


def _prepared(item: dict[str, Any]) -> dict[str, Any]:
    """The CSL-JSON item as pandoc reads it (see the module's doc)."""
    prepared: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, str) and key not in _NOT_TEXT:
            value = value.replace("'", "\u2019")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            value = [_name(name) for name in value]
        prepared[key] = value
    return prepared


def _name(name: dict[str, str]) -> dict[str, str]:
    name = {key: text.replace("'", "\u2019") for key, text in name.items()}
    match = _PARTICLE.match(name.get("family", ""))
    if match:
        name["non-dropping-particle"], name["family"] = match.group(1).strip(), match.group(2)
    return name


def _runs(text: str, locale: str) -> tuple[Run, ...]:
    """citeproc-py's marked text as runs; the punctuation moved into the quotes where due."""
    chars: list[tuple[str, bool]] = []
    depth = 0
    for char in " ".join(text.split()):
        if char == _ITALIC_ON:
            depth += 1
        elif char == _ITALIC_OFF:
            depth -= 1
        else:
            chars.append((char, depth % 2 == 1))  # italic within italic is upright again
    # citeproc-py: the locale's punctuation-in-quote (true for en-US) is ignored, so it prints
    # `“Title”.` where pandoc prints `“Title.”`. A full stop or comma after a closing quote is
    # moved inside it here.
    if _punctuation_in_quote(locale):
        for i in range(len(chars) - 1):
            if chars[i][0] in "\u201d\u2019" and chars[i + 1][0] in ".,":
                chars[i], chars[i + 1] = (chars[i + 1][0], chars[i][1]), chars[i]
    runs: list[Run] = []
    for char, italic in chars:
        if runs and runs[-1].italic == italic:
            runs[-1] = Run(runs[-1].text + char, italic)
        else:
            runs.append(Run(char, italic))
    return tuple(runs)


def _render(articles: list[Article], style: str, locale: str) -> dict[str, tuple[Run, ...]]:
    items = [_prepared(csl_item(article)) for article in articles]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # citeproc-py's "unsupported: event_title" (see above)
        source = CiteProcJSON(items)
    bibliography = CitationStylesBibliography(load_style(style, locale), source, _Marked)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    entries = bibliography.bibliography()
    return {
        item.key: _runs(str(entry), locale)
        for item, entry in zip(bibliography.items, entries, strict=True)
    }


@functools.lru_cache(maxsize=4096)
def format_entry(article: Article, style: str, language: str = "en") -> tuple[Run, ...]:
    """The article's bibliography entry in `style`, for a course in `language`. Remembered:
    citeproc-py takes some 40 ms an entry, and a course cites each article under every excerpt
    of it (76 source lines of two articles in the sample course: 3 s, now 0.1)."""
    return _render([article], style, locale_for(language))[article.id]


def bibliography(
    articles: list[Article], style: str, language: str = "en"
) -> list[tuple[Article, tuple[Run, ...]]]:
    """Each article with its entry, sorted as the style's bibliography is.

    citeproc-py: its bibliography comes out in the order the items were cited unless sort()
    is called, and sort() compares its keys with str.lower() (no collation), rendering name
    keys without the particle rules. The three styles sort by author (or the title standing
    for one), then date or title, which is how each entry begins; so the entries are sorted
    here by their own text, letters and digits only, case- and accent-blind, as pandoc does.
    """
    unique = list({article.id: article for article in articles}.values())
    runs = _render(unique, style, locale_for(language))
    return sorted(((a, runs[a.id]) for a in unique), key=lambda pair: _sort_key(pair[1]))


def _sort_key(runs: tuple[Run, ...]) -> tuple[str, str]:
    text = unicodedata.normalize("NFKD", Run.join(runs))
    letters = "".join(c for c in text if c.isalnum() or c.isspace())
    return " ".join(letters.casefold().split()), Run.join(runs)
