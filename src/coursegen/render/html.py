"""Documents to HTML through Jinja2: course templates first, built-ins behind them."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ..content.scripts import direction
from ..documents.model import Document
from ..errors import Diagnostic
from . import REFERENCE_DOCX, TEMPLATES_FOLDER
from . import builtin_templates as builtin_templates


def template_name(document: Document) -> str:
    return f"{document.meta.kind}.html"


def css_string(text: str) -> Markup:
    """`text` as a CSS string literal (for `content:` in the page margins), safe inside <style>."""
    escaped = "".join(f"\\{ord(c):X} " if c in '\\"<>&\n' or ord(c) < 0x20 else c for c in text)
    return Markup(f'"{escaped}"')


def dir_attribute(language: str | None, around: str | None = None) -> Markup:
    """' dir="rtl"' or ' dir="ltr"' where text in `language` runs the other way from the text
    around it (in the language `around`, left to right when None); else nothing."""
    if not language or direction(language) == direction(around):
        return Markup("")
    return Markup(f' dir="{direction(language)}"')


def labels_attributes(doc: Document) -> Markup:
    """' lang="en"' (and its direction) for an element holding coursegen's own words, where they
    are not in the document's language (a course language coursegen has no translation for)."""
    words = doc.meta.labels_language
    if not words:
        return Markup("")
    return Markup(f' lang="{words}"') + dir_attribute(words, doc.language)


class HtmlRenderer:
    """Renders Documents with the course's `templates/` overriding the package's own.

    An override can extend the built-in file it replaces: {% extends "builtin/handout.html" %}.
    """

    def __init__(
        self, course_templates: Path | None, timestamp: dt.datetime, medium: str = "print"
    ) -> None:
        builtin = FolderLoader(builtin_templates(), "builtin")
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
        self.env.filters["direction"] = direction  # 'rtl' or 'ltr' for a language
        self.env.filters["dir_attribute"] = dir_attribute
        self.env.filters["labels_attributes"] = labels_attributes
        self.env.globals["stylesheet"] = self.stylesheet
        # "print" for the PDF, "screen" for a page to read in a browser (render/htmlpage.py):
        # base.html adds screen.css for the screen
        self.env.globals["medium"] = medium
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
        """Template variables: `doc` (a documents.model.Document) and `generated` (W3C date-time);
        every template also sees `medium` ("print" or "screen").

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
    """Templates from one folder only: a name that climbs out with '..' is not found; a file
    that is (or lies behind) a symlink leading out of the folder, is not a regular file or is
    too large is refused (TemplateRefused, so that no other loader is tried in its place)."""

    def __init__(self, folder: Path, label: str = TEMPLATES_FOLDER) -> None:
        self.folder = folder.resolve()
        self.label = label

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        if ".." in template.split("/"):
            raise jinja2.TemplateNotFound(template)
        candidate = self.folder / template
        if not os.path.lexists(candidate) or candidate.is_dir():
            raise jinja2.TemplateNotFound(template)
        reason = refusal(self.folder, candidate)
        if reason is not None:
            raise TemplateRefused(f"{self.label}/{template} cannot be used: {reason}")
        path = candidate.resolve()
        source = path.read_text(encoding="utf-8")
        mtime = path.stat().st_mtime
        return source, str(path), lambda: path.stat().st_mtime == mtime


# The largest template or stylesheet read: the built-in ones are a few kilobytes.
MAX_TEMPLATE_BYTES = 1_000_000
LINK_OUT = "it is a link to a file outside the templates folder; coursegen does not read it"
COPY_IN = "copy the file into templates/ instead of linking to it"


def refusal(folder: Path, candidate: Path) -> str | None:
    """Why the file at `candidate` (in the resolved `folder`) is not read, or None."""
    path = candidate.resolve()
    if not path.is_relative_to(folder):
        return LINK_OUT
    try:
        info = path.stat()
    except OSError as exc:
        return f"it cannot be read ({exc.strerror})"
    if not stat.S_ISREG(info.st_mode):
        return "it is not a regular file; coursegen does not read it"
    if info.st_size > MAX_TEMPLATE_BYTES:
        return f"it is larger than {MAX_TEMPLATE_BYTES // 1_000_000} MB; coursegen does not read it"
    return None


class TemplateRefused(jinja2.TemplateError):
    """A template file coursegen does not read: `templates/x.html cannot be used: <why>`."""


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


# --- checking a course's templates without rendering them (coursegen check) ------------------

SYNTAX_HINT = (
    "check that every {{ is closed by }}, and every {% if %}, {% for %} and {% block %} by "
    "{% endif %}, {% endfor %} and {% endblock %} (see docs/templates.md, 'When a template has "
    "a mistake')"
)


def template_diagnostics(root: Path) -> list[Diagnostic]:
    """Every problem in the course's templates/ that `build` would meet: a file coursegen does
    not read (a link out of the folder, a special file, too large), a template syntax error, and
    an extends/include/import of a template that does not exist or is refused. (reference.docx
    has its own check: docx/reference.py.)"""
    folder = root / TEMPLATES_FOLDER
    if not folder.is_dir():
        return []
    renderer = HtmlRenderer(folder, dt.datetime(2000, 1, 1))
    resolved = folder.resolve()
    problems: list[Diagnostic] = []
    for path in _entries(folder):
        rel = path.relative_to(folder).as_posix()
        if rel == REFERENCE_DOCX:
            continue  # checked on its own: docx/reference.py
        shown = f"{TEMPLATES_FOLDER}/{rel}"
        reason = None if path.is_dir() else refusal(resolved, path)
        if reason is not None:
            hint = COPY_IN if reason == LINK_OUT else None
            problems.append(Diagnostic(shown, 1, 1, f"'{rel}' cannot be used: {reason}", hint))
        elif path.suffix == ".html" and not path.is_dir():
            problems.extend(_template_problems(renderer.env, path, rel))
    return problems


def _entries(folder: Path) -> list[Path]:
    """Every file, link and special file under `folder`, sorted; links to folders are listed,
    never followed."""
    found = []
    for parent, folders, files in os.walk(folder):
        for name in [*folders, *files]:
            path = Path(parent) / name
            if name not in folders or path.is_symlink():
                found.append(path)
    return sorted(found)


def _template_problems(env: jinja2.Environment, path: Path, rel: str) -> list[Diagnostic]:
    shown = f"{TEMPLATES_FOLDER}/{rel}"
    try:
        tree = env.parse(path.read_text(encoding="utf-8"), rel, str(path))
    except UnicodeDecodeError:
        return [Diagnostic(shown, 1, 1, "the template is not UTF-8 text", "save it as UTF-8")]
    except jinja2.TemplateSyntaxError as exc:
        message = f"template syntax error: {exc.message}"
        return [Diagnostic(shown, exc.lineno or 1, 1, message, SYNTAX_HINT)]
    problems = []
    loads = (nodes.Extends, nodes.Include, nodes.Import, nodes.FromImport)
    for node in tree.find_all(loads):
        assert isinstance(node, loads)
        names = node.template.items if isinstance(node.template, nodes.List) else [node.template]
        for name in names:
            if not isinstance(name, nodes.Const) or not isinstance(name.value, str):
                continue  # a name made while rendering: only the build can tell
            missing_ok = isinstance(node, nodes.Include) and node.ignore_missing
            problem = _loading_problem(env, name.value, missing_ok)
            if problem is not None:
                problems.append(Diagnostic(shown, node.lineno, 1, *problem))
    return problems


def _loading_problem(
    env: jinja2.Environment, name: str, missing_ok: bool
) -> tuple[str, str | None] | None:
    assert env.loader is not None
    try:
        env.loader.get_source(env, name)
    except TemplateRefused as exc:
        hint = COPY_IN if str(exc).endswith(LINK_OUT) else None
        return str(exc), hint
    except jinja2.TemplateNotFound:
        if missing_ok:
            return None
        return (
            f"there is no template '{name}'",
            "name a file in templates/ or a built-in one as 'builtin/handout.html' "
            "(see docs/templates.md, 'The built-in templates')",
        )
    return None
