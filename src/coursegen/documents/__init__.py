"""What each document says: the content model, the fixed words, the documents of a course.

`planned_documents` (plan.py) is the one list of everything a build makes, lesson documents and
course-level documents alike, each with the output path it is written to (without suffix).

The names below load on first use (PEP 562): a module that needs only the content model
(documents.model, as every format does) does not load the content layer with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..folders import LESSON_DOCUMENTS as LESSON_DOCUMENTS
from ..lazy import lazy_names

if TYPE_CHECKING:
    from .model import Document
    from .plan import (
        PUBLISHED_DOCUMENTS,
        Compose,
        PlannedDocument,
        planned_documents,
        published_documents,
    )

__all__ = [
    "LESSON_DOCUMENTS",
    "PUBLISHED_DOCUMENTS",
    "Compose",
    "Document",
    "PlannedDocument",
    "planned_documents",
    "published_documents",
]

_LAZY = {
    "Document": "model",
    "PUBLISHED_DOCUMENTS": "plan",
    "Compose": "plan",
    "PlannedDocument": "plan",
    "planned_documents": "plan",
    "published_documents": "plan",
}


__getattr__ = lazy_names(__name__, _LAZY, globals())
