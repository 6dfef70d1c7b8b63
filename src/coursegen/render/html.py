"""Documents to HTML through Jinja2: course templates first, built-ins behind them."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup

from ..documents.model import Document

TEMPLATES_FOLDER = "templates"


def builtin_templates() -> Path:
    return Path(str(resources.files("coursegen") / "templates"))


def template_name(document: Document) -> str:
    return f"{document.meta.kind}.html"


def css_string(text: str) -> Markup:
    """`text` as a CSS string literal (for `content:` in the page margins), safe inside <style>."""
    escaped = "".join(f"\\{ord(c):X} " if c in '\\"<>&\n' or ord(c) < 0x20 else c for c in text)
    return Markup(f'"{escaped}"')


class HtmlRenderer:
    """Renders Documents with the course's `templates/` overriding the package's own.

    An override can extend the built-in file it replaces: {% extends "builtin/handout.html" %}.
    """

    def __init__(self, course_templates: Path | None, timestamp: dt.datetime) -> None:
        builtin = jinja2.FileSystemLoader(builtin_templates())
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
        self.env.filters["css_string"] = css_string
        self.env.globals["stylesheet"] = self.stylesheet
        self.generated = timestamp.strftime("%Y-%m-%dT%H:%M:%SZ")

    def stylesheet(self, name: str, missing_ok: bool = False) -> Markup:
        """A CSS file from the templates, as it is: CSS is never run as a template."""
        try:
            source, _, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            if missing_ok:
                return Markup("")
            raise
        return Markup(source.replace("</", "<\\/"))  # nothing in a stylesheet can end <style>

    def render(self, document: Document) -> str:
        """Template variables: `doc` (a documents.model.Document) and `generated` (W3C date-time)."""
        return self.env.get_template(template_name(document)).render(
            doc=document, generated=self.generated
        )
