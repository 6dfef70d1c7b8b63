"""Documents to HTML through Jinja2: course templates first, built-ins behind them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2

from ..documents.model import Document

BUILTIN_PREFIX = "builtin/"


def template_name(document: Document) -> str:
    return f"{document.kind}.html"


class HtmlRenderer:
    """Renders Documents with the course's `templates/` overriding the package's own.

    An override can extend the built-in file it replaces: {% extends "builtin/handout.html" %}.
    """

    def __init__(self, course_templates: Path | None) -> None:
        builtin = jinja2.PackageLoader("coursegen", "templates")
        loaders: list[jinja2.BaseLoader] = [
            jinja2.PrefixLoader({"builtin": builtin}, delimiter="/")
        ]
        if course_templates is not None and course_templates.is_dir():
            loaders.append(jinja2.FileSystemLoader(course_templates))
        loaders.append(builtin)
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )

    def render(self, document: Document, timestamp: dt.datetime) -> str:
        """Template variables: `doc` (a model.Document) and `generated` (W3C date-time)."""
        generated = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        return self.env.get_template(template_name(document)).render(
            doc=document, generated=generated
        )
