"""The shapes of course.yaml, article front matter, glossary.yaml and lesson files (pydantic)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from ..errors import closest, did_you_mean

BLOOM_LEVELS = ("remember", "understand", "apply", "analyze", "evaluate", "create")
_BLOOM_FORMS = {
    **{level: level for level in BLOOM_LEVELS},
    "analyse": "analyze",
    "remembering": "remember",
    "understanding": "understand",
    "applying": "apply",
    "analyzing": "analyze",
    "analysing": "analyze",
    "evaluating": "evaluate",
    "creating": "create",
}

_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-\u2010-\u2015\u2212]\s*(\d+))?\s*$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_LANG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _error(message: str, hint: str = "") -> PydanticCustomError:
    return PydanticCustomError("coursegen", message, {"hint": hint})


def _bloom(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    level = _BLOOM_FORMS.get(value.strip().lower())
    if level is None:
        raise _error(
            f"unknown Bloom level '{value}'",
            "use one of: " + ", ".join(BLOOM_LEVELS),
        )
    return level


def parse_paragraph_ranges(value: Any) -> tuple[tuple[int, int], ...]:
    """`3`, `"1-3"` or a list of those, as (first, last) pairs; raises on anything else."""
    items = value if isinstance(value, list) else [value]
    if not items:
        raise _error("'paragraphs' is an empty list", "give a number, a range like 1-3, or a list")
    ranges = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, int | str):
            raise _error(
                f"'paragraphs' must be a number, a range like 1-3, or a list like [1-2, 6], "
                f"not {describe(item)}"
            )
        match = _RANGE.match(str(item))
        if not match:
            raise _error(
                f"'paragraphs' must be a number, a range like 1-3, or a list like [1-2, 6], "
                f"not '{item}'"
            )
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if first < 1:
            raise _error("paragraph numbers start at 1, not 0")
        if last < first:
            raise _error(
                f"reversed paragraph range '{item}'",
                f"write the smaller number first: {last}-{first}",
            )
        ranges.append((first, last))
    return tuple(ranges)


def _partial_date(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _PARTIAL_DATE.match(value.strip()):
        text = value.strip()
        full = text + "-01" * (2 - text.count("-"))
        try:
            dt.date.fromisoformat(full)
        except ValueError:
            raise _error(f"'date' is not a real date: {text}", "write it as YYYY-MM-DD") from None
        return text
    raise _error(
        f"'date' must be written YYYY-MM-DD (or YYYY-MM when the day is unknown), not {describe(value)}"
    )


def _language(value: Any) -> Any:
    if isinstance(value, bool | int | float):
        raise _error(
            f"'language' must be a language code such as en or fr, not {describe(value)}",
            'write the code in quotes, e.g. language: "no"'
            if isinstance(value, bool)
            else "use a BCP 47 code such as en, ru, fr, ar, he, en-GB",
        )
    if isinstance(value, str) and not _LANG.match(value.strip()):
        raise _error(
            f"'{value}' is not a language code",
            "use a BCP 47 code such as en, ru, fr, ar, he, en-GB",
        )
    return value.strip() if isinstance(value, str) else value


def _long_form(key: str) -> Callable[[Any], Any]:
    """A text written plainly, or in the long form `text: …` with `language: …` beside it."""

    def check(value: Any) -> Any:
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return {"text": value}
        if isinstance(value, dict):
            return value
        raise _error(
            f"'{key}' must be text, or 'text:' with 'language:', not {describe(value)}",
            f"write {key}: followed by the text, or on two indented lines "
            "'text: …' and 'language: ru'",
        )

    return check


def _whole_number(key: str) -> Callable[[Any], Any]:
    """YAML reads true and false as 1 and 0 for a number; a week or a time is never one."""

    def check(value: Any) -> Any:
        if isinstance(value, bool):
            raise _error(f"'{key}' must be a whole number, not {describe(value)}")
        return value

    return check


def _words(key: str) -> Callable[[str], str]:
    """Refuse an anchor made only of spaces: it would be found between every two words."""

    def check(value: str) -> str:
        if not value.strip():
            raise _error(
                f"'{key}' must contain words, not only spaces",
                f'copy a few words from the article, e.g. {key}: "crisis of trust"',
            )
        return value

    return check


def is_plain_id(value: str) -> bool:
    """A file stem made of letters, digits, '-', '_' and '.': never a path."""
    return bool(_ID.match(value)) and ".." not in value


def describe(value: Any) -> str:
    """How a wrong value is named in a message: `a list`, `the number 3`, `'five'`."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return f"'{value}'"


Bloom = Annotated[
    Literal["remember", "understand", "apply", "analyze", "evaluate", "create"],
    BeforeValidator(_bloom),
]
Language = Annotated[str, BeforeValidator(_language)]
PartialDate = Annotated[str, BeforeValidator(_partial_date)]
Ranges = Annotated[tuple[tuple[int, int], ...], BeforeValidator(parse_paragraph_ranges)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
FromAnchor = Annotated[str, Field(min_length=1), AfterValidator(_words("from"))]
ToAnchor = Annotated[str, Field(min_length=1), AfterValidator(_words("to"))]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class TextSpec(_Strict):
    """A text with the language it is written in, when not the course's (or the article's)."""

    text: str
    language: Language | None = None


class LineSpec(TextSpec):
    """A one-line text that must not be empty (an objective)."""

    text: Text


Summary = Annotated[TextSpec, BeforeValidator(_long_form("summary"))]
Notes = Annotated[TextSpec, BeforeValidator(_long_form("notes"))]
Note = Annotated[TextSpec, BeforeValidator(_long_form("note"))]
Objective = Annotated[LineSpec, BeforeValidator(_long_form("objectives"))]


def _label(value: Any) -> Any:
    """A label in course.yaml: a text, or its plural forms (`one: …`, `other: …`)."""
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str | int | float) and not isinstance(v, bool)
        for k, v in value.items()
    ):
        return {k: str(v) for k, v in value.items()}
    raise _error(
        f"a label must be text, or its plural forms such as 'one:' and 'other:', not {describe(value)}",
        'write the words in quotes, e.g. excerpt: "Reading {id}"',
    )


LabelText = Annotated[str | dict[str, str], BeforeValidator(_label)]

# course.yaml `citation_style:`, as content/citestyle.py names the vendored CSL styles
CITATION_STYLES = ("chicago-author-date", "apa", "mla")
_STYLE_SYNONYMS = {"chicago": "chicago-author-date", "modern-language-association": "mla"}


def _citation_style(value: Any) -> Any:
    """`citation_style:` as one of CITATION_STYLES, whatever its capitals; a slip gets a hint."""
    text = value.strip().lower() if isinstance(value, str) else None
    if text in CITATION_STYLES:
        return text
    found = closest(text or "", [*CITATION_STYLES, *_STYLE_SYNONYMS])
    found = _STYLE_SYNONYMS.get(found or "", found)
    raise _error(
        f"unknown citation style {describe(value)}",
        f"did you mean '{found}'?" if found else "use one of: " + ", ".join(CITATION_STYLES),
    )


class CourseSettings(_Strict):
    title: str = "Course"
    code: str | None = None
    instructor: str | None = None
    institution: str | None = None
    term: str | None = None
    language: Language = "en"
    paper: Literal["a4", "letter"] = "letter"
    builtin_glossary: bool = True
    # capitalised words never flagged as glossary terms (party names, 'MM'): content/checks.py
    not_acronyms: tuple[Text, ...] = ()
    labels: dict[str, LabelText] = Field(default_factory=dict)  # overrides (documents/labels.py)
    # the style of source lines (content/citestyle.py); None: coursegen's own line
    citation_style: Annotated[str, BeforeValidator(_citation_style)] | None = None


# The kinds of source an article can be (`type:`), in the words instructors use; each is mapped
# to a CSL type in content/citation.py.
SOURCE_TYPES = (
    "article-newspaper",
    "article-magazine",
    "article-journal",
    "speech",
    "un-document",
    "treaty",
    "report",
    "government-statement",
    "chapter",
    "book",
    "webpage",
    "interview",
    "legal-case",
)
# what an instructor may write instead, for the hint (never accepted silently: one name per type)
_TYPE_SYNONYMS = {
    "oped": "article-newspaper",
    "newspaper": "article-newspaper",
    "news": "article-newspaper",
    "wire": "article-newspaper",
    "editorial": "article-newspaper",
    "magazine": "article-magazine",
    "journal": "article-journal",
    "article": "article-journal",
    "resolution": "un-document",
    "un": "un-document",
    "undoc": "un-document",
    "statement": "government-statement",
    "pressrelease": "government-statement",
    "website": "webpage",
    "web": "webpage",
    "case": "legal-case",
    "judgment": "legal-case",
    "agreement": "treaty",
    "convention": "treaty",
}
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DASHES = "-\u2010-\u2015\u2212"
_PAGE = rf"[A-Za-z0-9]+(?:\s*[{_DASHES}]\s*[A-Za-z0-9]+)?"
_PAGES = re.compile(rf"^{_PAGE}(?:\s*,\s*{_PAGE})*$")


def _source_type(value: Any) -> Any:
    """`type:` as one of SOURCE_TYPES, whatever its capitals; a slip or a synonym gets a hint."""
    if not isinstance(value, str):
        raise _error(
            f"'type' must be a kind of source such as article-newspaper, not {describe(value)}",
            "use one of: " + ", ".join(SOURCE_TYPES),
        )
    text = value.strip().lower()
    if text in SOURCE_TYPES:
        return text
    compact = re.sub(r"[^a-z]", "", text)
    synonym = _TYPE_SYNONYMS.get(compact) or _TYPE_SYNONYMS.get(
        closest(compact, _TYPE_SYNONYMS) or ""
    )
    found = synonym or closest(text, SOURCE_TYPES)
    raise _error(
        f"unknown source type '{value}'",
        f"did you mean '{found}'?" if found else "use one of: " + ", ".join(SOURCE_TYPES),
    )


def _full_date(key: str) -> Callable[[Any], Any]:
    """A day, written YYYY-MM-DD (the day a web page was read, for `accessed:`)."""

    def check(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str) and _FULL_DATE.match(value.strip()):
            try:
                return dt.date.fromisoformat(value.strip()).isoformat()
            except ValueError:
                raise _error(
                    f"'{key}' is not a real date: {value.strip()}", "write it as YYYY-MM-DD"
                ) from None
        raise _error(
            f"'{key}' must be a full date written YYYY-MM-DD, not {describe(value)}",
            f"write the day you read it, e.g. {key}: 2026-01-15",
        )

    return check


def _pages(value: Any) -> Any:
    """A page, a range such as 12-15 (any dash), or several separated by commas."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and _PAGES.match(value.strip()):
        return re.sub(rf"\s*[{_DASHES}]\s*", "-", re.sub(r"\s*,\s*", ", ", value.strip()))
    raise _error(
        f"'pages' must be a page or a range of pages such as 12-15, not {describe(value)}",
        "write the first and last page with a dash, e.g. pages: 12-15, or several: 3, 7-9",
    )


def _names(key: str) -> Callable[[Any], Any]:
    """One name, a list of names, or `organization: …` (or a list mixing them), as a list."""

    def check(value: Any) -> Any:
        if isinstance(value, str | dict):
            return [value]
        if isinstance(value, list):
            return value
        raise _error(
            f"'{key}' must be a name, a list of names, or 'organization:' with a name, "
            f"not {describe(value)}",
            f"write e.g. {key}: Sergey Lavrov, or {key}: [Sergey Lavrov, Hillary Clinton]",
        )

    return check


def _agent(value: Any) -> Any:
    """A person's name as written, or the mapping `organization: …`, checked here whole (the
    value may stand alone for a one-item list, so no error may point inside it)."""
    if isinstance(value, str):
        return {"name": value}
    if not isinstance(value, dict):
        raise _error(
            f"a name must be text, or 'organization:' with a name, not {describe(value)}",
            "write the name in quotes if it is a number",
        )
    for key in value:
        if key != "organization":
            raise _error(
                f"unknown key '{key}'",
                did_you_mean(str(key), ["organization"])
                or "an organisation is written organization: followed by its name",
            )
    name = value.get("organization")
    if isinstance(name, bool) or not isinstance(name, str | int | float) or not str(name).strip():
        raise _error(
            f"'organization' must be the organisation's name, not {describe(name)}",
            "write its name after it, e.g. {organization: United Nations Security Council}",
        )
    return {"organization": str(name).strip()}


class AgentSpec(_Strict):
    """A person (`name`, from a plain string) or an organisation (`organization: …`); _agent
    has checked it."""

    name: Text | None = None
    organization: Text | None = None


Agent = Annotated[AgentSpec, BeforeValidator(_agent)]
SourceType = Annotated[str, BeforeValidator(_source_type)]
Pages = Annotated[str, BeforeValidator(_pages)]
FullDate = Annotated[str, BeforeValidator(_full_date("accessed"))]
Authors = Annotated[tuple[Agent, ...], Field(min_length=1), BeforeValidator(_names("author"))]
Translators = Annotated[
    tuple[Agent, ...], Field(min_length=1), BeforeValidator(_names("translator"))
]
Editors = Annotated[tuple[Agent, ...], Field(min_length=1), BeforeValidator(_names("editor"))]


class ArticleMeta(_Strict):
    title: Text
    author: Authors | None = None
    publication: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    language: Language | None = None
    # what a citation needs besides (docs/user-guide.md §5; content/citation.py maps them to CSL)
    type: SourceType | None = None
    container: Text | None = None  # another name for publication: give one of the two
    translator: Translators | None = None
    editor: Editors | None = None
    pages: Pages | None = None
    volume: Text | None = None
    issue: Text | None = None
    publisher: Text | None = None
    place: Text | None = None
    number: Text | None = None
    accessed: FullDate | None = None
    event: Text | None = None


class GlossaryEntrySpec(_Strict):
    term: Text
    definition: Text
    expansion: str | None = None
    aliases: tuple[Text, ...] = ()
    see: tuple[Text, ...] = ()
    category: str | None = None
    case_sensitive: bool | None = None
    language: Language | None = None  # of the entry's term, expansion and definition
    # its names in other languages, by language code: {fr: [Conseil de sécurité, CSNU]}
    names: dict[Language, tuple[Text, ...]] = Field(default_factory=dict)


class ExcerptSpec(_Strict):
    id: str | None = None
    paragraphs: Ranges | None = None
    from_: FromAnchor | None = Field(None, alias="from")
    to: ToAnchor | None = None
    note: Note | None = None


class ReadingSpec(_Strict):
    article: Text
    excerpts: tuple[ExcerptSpec, ...] | None = None


class QuestionSpec(_Strict):
    question: Text
    excerpts: tuple[str, ...] = ()
    level: Bloom | None = None
    notes: Notes | None = None
    minutes: Annotated[int, BeforeValidator(_whole_number("minutes"))] | None = Field(None, ge=1)
    language: Language | None = None  # of the question's text; notes may carry their own


class LessonGlossarySpec(_Strict):
    terms: tuple[Text, ...] = ()
    auto: bool = True
    exclude: tuple[Text, ...] = ()


class LessonSpec(_Strict):
    title: Text
    week: Annotated[int, BeforeValidator(_whole_number("week"))] | None = Field(None, ge=0)
    date: dt.date | None = None
    summary: Summary | None = None
    objectives: tuple[Objective, ...] = ()
    readings: tuple[ReadingSpec, ...] = Field(min_length=1)
    questions: tuple[QuestionSpec, ...] = ()
    glossary: LessonGlossarySpec = LessonGlossarySpec()
