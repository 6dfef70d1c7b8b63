"""coursegen: print-ready teaching material for international-relations courses."""

from __future__ import annotations

__version__ = "0.1.0"
