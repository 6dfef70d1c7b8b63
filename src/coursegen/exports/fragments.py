"""HTML fragments that the LMS exports put inside their own files: a discussion question with
the excerpts it cites, as a Canvas/Moodle discussion topic (imscc.py) and as the text of a
Moodle essay question (moodle.py) show it.

Every part is marked with its language (and direction, where it runs the other way), as in the
PDF; the fixed words (labels) with theirs where the course's labels are in another language.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..documents.model import ExcerptView, QuestionView, Span
from ..render.html import dir_attribute


def lang_attribute(language: str | None, around: str) -> Markup:
    """' lang="ru"' (and its dir) for a part whose language is not the text's around it."""
    if not language or language == around:
        return Markup("")
    return Markup(' lang="{}"').format(language) + dir_attribute(language, around)


def spans_html(spans: tuple[Span, ...], around: str) -> Markup:
    return Markup("").join(
        Markup("<span{}>{}</span>").format(lang_attribute(s.language, around), s.text)
        if s.language and s.language != around
        else escape(s.text)
        for s in spans
    )


def question_html(
    question: QuestionView, excerpts: tuple[ExcerptView, ...], page: str, words: str | None
) -> Markup:
    """The question, its reference and the excerpts it cites (label, note, passages with their
    ¶ numbers, source line and address), in a <div> in the course's language `page` (neither
    an LMS topic nor a question has a language of its own); the fixed words in `words` where
    they are not in it."""
    labels = lang_attribute(words, page)
    html = [Markup('<div lang="{}"{}>').format(page, dir_attribute(page))]
    html.append(
        Markup("<p{}><strong>{}</strong></p>").format(
            lang_attribute(question.language, page), question.text
        )
    )
    if question.cites:
        html.append(Markup("<p{}>{}</p>").format(labels, question.cites))
    for excerpt in excerpts:
        html += _excerpt(excerpt, page, labels)
    html.append(Markup("</div>"))
    return Markup("\n").join(html)


def _excerpt(excerpt: ExcerptView, page: str, labels: Markup) -> list[Markup]:
    html = [Markup("<h3{}>{}</h3>").format(labels, excerpt.label)]
    if excerpt.note:
        html.append(
            Markup("<p{}><em>{}</em></p>").format(
                lang_attribute(excerpt.note_language, page), excerpt.note
            )
        )
    html.append(Markup("<blockquote{}>").format(lang_attribute(excerpt.language, page)))
    for passage in excerpt.passages:
        if passage.heading:
            html.append(Markup("<h4>{}</h4>").format(passage.heading))
        start = Markup("…&nbsp;") if passage.starts_mid else ""
        end = Markup("&nbsp;…") if passage.ends_mid else ""
        html.append(
            Markup('<p><span dir="ltr">{}</span> {}{}{}</p>').format(
                passage.label, start, spans_html(passage.spans, excerpt.language), end
            )
        )
    html.append(Markup("</blockquote>"))
    source = spans_html(excerpt.source_spans, page) if excerpt.source_spans else excerpt.source
    if excerpt.url:
        link = Markup(' <a href="{}"{}>{}</a>').format(
            excerpt.url, lang_attribute(excerpt.url_language, page), excerpt.url
        )
        source = Markup("{}{}").format(source, link)
    html.append(Markup("<p>{}</p>").format(source))
    return html
