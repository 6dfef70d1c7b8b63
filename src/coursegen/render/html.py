"""Documents to HTML through Jinja2: course templates first, built-ins behind them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ..documents.model import Document
from . import TEMPLATES_FOLDER


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
        builtin = FolderLoader(builtin_templates())
        self.folders = {"builtin": builtin.folder}  # where each template shown in an error lives
        loaders: list[jinja2.BaseLoader] = [
            jinja2.PrefixLoader({"builtin": builtin}, delimiter="/")
        ]
        if course_templates is not None and course_templates.is_dir():
            course = FolderLoader(course_templates)
            self.folders[TEMPLATES_FOLDER] = course.folder
            loaders.append(course)
        loaders.append(builtin)
        # A course folder may come from someone else: its templates run in Jinja's sandbox, which
        # refuses attribute tricks such as cycler.__init__.__globals__ and caps range() at 100,000,
        # and cannot change the objects it is given.
        self.env = ImmutableSandboxedEnvironment(
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
        """Template variables: `doc` (a documents.model.Document) and `generated` (W3C date-time).

        A mistake in a template raises TemplateProblem naming the template file and line.
        """
        try:
            return self.env.get_template(template_name(document)).render(
                doc=document, generated=self.generated
            )
        except jinja2.TemplateSyntaxError as exc:
            raise template_problem(_where(exc.name or exc.filename, exc.lineno), exc) from None
        except (jinja2.TemplateError, OverflowError) as exc:
            raise template_problem(_traceback_place(exc, self.folders), exc) from None


class FolderLoader(jinja2.BaseLoader):
    """Templates from one folder only: a name that climbs out with '..', or a file that is (or
    lies behind) a symlink leading out of the folder, is not found."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        path = (self.folder / template).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():
            raise jinja2.TemplateNotFound(template)
        source = path.read_text(encoding="utf-8")
        mtime = path.stat().st_mtime
        return source, str(path), lambda: path.stat().st_mtime == mtime


class TemplateProblem(Exception):
    """A template that cannot be rendered: `templates/handout.html:3: 'doc' has no field 'x'`."""


def template_problem(place: str | None, error: Exception) -> TemplateProblem:
    message = _INTERNAL_OBJECT.sub(_public_name, str(error) or type(error).__name__)
    message = message.replace("has no attribute", "has no field")
    return TemplateProblem(f"{place}: {message}" if place else message)


# "'coursegen.documents.model.Document object'" → "'doc'": templates know the names they use.
_INTERNAL_OBJECT = re.compile(r"'(?:[\w]+\.)+(\w+) object'")
_PUBLIC = {"Document": "doc", "DocumentMeta": "doc.meta", "CourseInfo": "doc.course"}


def _public_name(match: re.Match[str]) -> str:
    name = match.group(1)
    return f"'{_PUBLIC.get(name, 'this ' + name.removesuffix('View').lower())}'"


def _where(name: str | None, line: int | None) -> str | None:
    if not name:
        return None
    shown = name if name.startswith("builtin/") else f"{TEMPLATES_FOLDER}/{name}"
    return f"{shown}:{line}" if line else shown


def _traceback_place(error: BaseException, folders: dict[str, Path]) -> str | None:
    """The template line where rendering failed: Jinja puts template frames in the traceback,
    named by the path FolderLoader gave; `folders` maps a shown prefix to each loader's folder."""
    place = None
    frame = error.__traceback__
    while frame is not None:
        path = Path(frame.tb_frame.f_code.co_filename)
        for prefix, folder in folders.items():
            if path.is_relative_to(folder):
                place = f"{prefix}/{path.relative_to(folder).as_posix()}:{frame.tb_lineno}"
                break
        frame = frame.tb_next
    return place
