"""One accessibility finding: a file, the criterion it fails (WCAG 2.1 success criterion or
Matterhorn Protocol checkpoint) and what was found there."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Severity

# The criteria, named once: every finding uses one of these.
LANGUAGE_OF_PAGE = "WCAG 3.1.1 Language of Page"
LANGUAGE_OF_PARTS = "WCAG 3.1.2 Language of Parts"
INFO_AND_RELATIONSHIPS = "WCAG 1.3.1 Info and Relationships"
PAGE_TITLED = "WCAG 2.4.2 Page Titled"
HYPHENS = "WCAG 1.3.1 Info and Relationships (ISO 32000-1 14.8.2.2.3 hyphens)"
UNTAGGED_CONTENT = "Matterhorn 01-005 (ISO 14289-1 7.1, 7.8)"
NOTDEF = "Matterhorn 31-030 (ISO 14289-1 7.21.8 .notdef)"
FONT_NOT_EMBEDDED = "ISO 14289-1 7.21.4.1 (fonts embedded)"
SOURCE_TEXT = "WCAG 1.3.1 Info and Relationships (text encoding)"
NOT_BUILT = "not built"
OUT_OF_DATE = "out of date"
UNREADABLE = "unreadable"


@dataclass(frozen=True)
class Finding:
    """`path` is relative to the course folder when the file is inside it; `line` is 1-based."""

    path: str
    criterion: str
    message: str
    severity: Severity = Severity.ERROR
    line: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        warning = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {self.criterion}: {warning}{self.message}"

    def sort_key(self) -> tuple[str, int, str, str]:
        return (self.path, self.line or 0, self.criterion, self.message)
