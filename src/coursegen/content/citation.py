"""An article's front matter as a CSL-JSON item, for a citation processor to format.

Pure: no I/O, no style. The decisions (docs/user-guide.md §5 says them to instructors):

- `type:` names a kind of source in the words of an IR course; CSL 1.0.2 has most of them.
  `un-document` and `government-statement` become CSL `document` (new in 1.0.2: a generic
  document with an author, a number and a publisher), not `legislation` or `bill`: a Security
  Council resolution or a General Assembly report is cited by its symbol (`number`) and issuing
  body, and styles format `legislation` as a statute (title and section, no author) and `bill`
  as an unenacted one. Without `type:`, an article with a publication is a newspaper article
  (what the sample course's articles are) and one without is a `document`.
- `publication:` and its other name `container:` become `container-title`.
- A person's name is split at its last space ("Sergey Lavrov": given Sergey, family Lavrov);
  lower-case words before the last join the family name ("Charles de Gaulle": family
  "de Gaulle"); "Family, Given" says the split outright. A name of one word, a name whose last
  word is a romanised Korean given name ("Ban Ki-moon", "Moon Jae-in": family name first), and
  an organisation are kept whole as a CSL `literal`, printed as written and never inverted.
"""

from __future__ import annotations

import re
from typing import Any

from .articles import Agent, Article

CSL_TYPES = {
    "article-newspaper": "article-newspaper",
    "article-magazine": "article-magazine",
    "article-journal": "article-journal",
    "speech": "speech",
    "un-document": "document",
    "treaty": "treaty",
    "report": "report",
    "government-statement": "document",
    "chapter": "chapter",
    "book": "book",
    "webpage": "webpage",
    "interview": "interview",
    "legal-case": "legal_case",
}
# A last word like Ki-moon or Jae-in: a Korean given name written after the family name.
_FAMILY_FIRST = re.compile(r"^[A-Z][a-z]*-[a-z]+$")


def csl_type(article: Article) -> str:
    """The CSL type of the article: its `type:` mapped, or a default (see the module's doc)."""
    if article.citation.type is not None:
        return CSL_TYPES[article.citation.type]
    return "article-newspaper" if article.publication else "document"


def csl_name(agent: Agent) -> dict[str, str]:
    """One CSL name: {family, given}, or {literal} when a split would be a guess."""
    text = " ".join(agent.name.split())
    if agent.organization:
        return {"literal": text}
    if "," in text:
        family, _, given = text.partition(",")
        return {"family": family.strip(), "given": given.strip()}
    words = text.split(" ")
    if len(words) == 1 or _FAMILY_FIRST.match(words[-1]):
        return {"literal": text}
    first = len(words) - 1
    while first > 1 and words[first - 1][:1].islower():
        first -= 1
    return {"family": " ".join(words[first:]), "given": " ".join(words[:first])}


def csl_date(text: str) -> dict[str, list[list[int]]]:
    """`2009`, `2009-11` or `2009-11-03` as CSL date parts."""
    return {"date-parts": [[int(part) for part in text.split("-")]]}


def csl_item(article: Article) -> dict[str, Any]:
    """The article as one CSL-JSON item; keys without a value are left out."""
    citation = article.citation
    item: dict[str, Any] = {"id": article.id, "type": csl_type(article), "title": article.title}
    for key, agents in (
        ("author", citation.authors),
        ("translator", citation.translators),
        ("editor", citation.editors),
    ):
        if agents:
            item[key] = [csl_name(agent) for agent in agents]
    if article.publication:
        item["container-title"] = article.publication
    if article.date:
        item["issued"] = csl_date(article.date)
    if citation.accessed:
        item["accessed"] = csl_date(citation.accessed)
    texts = {
        "URL": article.url,
        "page": citation.pages,
        "volume": citation.volume,
        "issue": citation.issue,
        "publisher": citation.publisher,
        "publisher-place": citation.place,
        "number": citation.number,
        "event-title": citation.event,
        "language": article.language,
    }
    item.update({key: value for key, value in texts.items() if value})
    return item
