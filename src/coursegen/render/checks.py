"""What `coursegen check` finds in the files that change the look, without rendering anything:
the HTML templates (syntax, refused files, missing includes) and `templates/reference.docx`.

Cheap to import: Jinja2 loads only when the check runs.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import Diagnostic


def check_templates(root: Path | str) -> list[Diagnostic]:
    """Every problem in the course's templates/ folder, all at once (none when it has none):
    template syntax errors at their line, template files coursegen refuses to read (a link out
    of the folder, a special file, too large), includes of templates that do not exist, and a
    reference.docx that cannot be used (not a .docx, a zip bomb, a Word template…)."""
    from .docx.reference import reference_diagnostics
    from .html import template_diagnostics

    folder = Path(root).expanduser()
    return [*template_diagnostics(folder), *reference_diagnostics(folder)]
