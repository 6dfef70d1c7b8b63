"""Validate located YAML against a schema model; turn pydantic's errors into plain Diagnostics."""

from __future__ import annotations

import copy
import types
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ..errors import Diagnostic, did_you_mean
from .schema import describe
from .yamlfile import PathKey, YamlDocument

M = TypeVar("M", bound=BaseModel)
_MAX_ROUNDS = 4

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "finite_number": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
}
_DATE_ERRORS = {
    "date_type",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
}

_MISSING_HINTS = {
    "title": "add a line 'title: …' with the title",
    "readings": "list at least one article, e.g. readings: [{article: my-article-id}]",
    "article": "name the article to read, e.g. article: lavrov-2009-newsweek",
    "question": 'write the question itself, e.g. question: "Why did trust break down?"',
    "term": "name the term, e.g. term: START",
    "definition": "add a definition of one to three sentences",
}


def validate(
    model: type[M], doc: YamlDocument, rel: str, what: str
) -> tuple[M | None, list[Diagnostic]]:
    """`what` names the file's role in messages: 'a lesson', 'front matter'."""
    if doc.data is None:
        pos = doc.pos(())
        return None, [
            Diagnostic(rel, pos.line, pos.col, f"{what} is empty", hint=_root_hint(model))
        ]
    if not isinstance(doc.data, dict):
        pos = doc.pos(())
        return None, [
            Diagnostic(
                rel,
                pos.line,
                pos.col,
                f"{what} must be a mapping of keys, not {describe(doc.data)}",
                hint=_root_hint(model),
            )
        ]
    # Drop each optional value that is wrong and validate again, so that one bad value does not
    # hide the problems that only the later steps (resolving excerpts, terms) can find.
    data = copy.deepcopy(doc.data)
    diagnostics: list[Diagnostic] = []
    for _ in range(_MAX_ROUNDS):
        try:
            return model.model_validate(data), diagnostics
        except ValidationError as exc:
            errors = _without_echoes(exc.errors())
            diagnostics += [_diagnostic(model, error, doc, rel) for error in errors]
            if not all(_drop_optional(model, data, tuple(error["loc"])) for error in errors):
                return None, diagnostics
    return None, diagnostics


def _without_echoes(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """pydantic also calls a list 'too short' when its only item is invalid: keep the real error."""
    locs = [tuple(e["loc"]) for e in errors]
    return [
        e
        for e in errors
        if not (
            e["type"] == "too_short"
            and any(len(o) > len(e["loc"]) and o[: len(e["loc"])] == tuple(e["loc"]) for o in locs)
        )
    ]


def _drop_optional(model: type[BaseModel], data: Any, loc: PathKey) -> bool:
    """Remove the innermost optional key around `loc` from `data`; False when there is none."""
    for end in range(len(loc), 0, -1):
        key = loc[end - 1]
        if not isinstance(key, str):
            continue
        parent = _model_at(model, loc[: end - 1])
        field = next(
            (
                f
                for name, f in (parent.model_fields.items() if parent else ())
                if (f.alias or name) == key
            ),
            None,
        )
        if parent is not None and field is not None and field.is_required():
            continue
        container = data
        for part in loc[: end - 1]:
            try:
                container = container[part]
            except (KeyError, IndexError, TypeError):
                return True  # an earlier error of this round dropped a value around this one
        if isinstance(container, dict) and key in container:
            del container[key]
            return True
    return False


def _root_hint(model: type[BaseModel]) -> str:
    """Name the required keys when there are any (a lesson needs title: and readings:)."""
    required = [f.alias or name for name, f in model.model_fields.items() if f.is_required()]
    keys = ", ".join(f"{k}:" for k in (required or _keys(model)[:4]))
    return f"start with the keys {keys}" if required else f"start with keys such as {keys}"


def _keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_at(model: type[BaseModel], path: PathKey) -> type[BaseModel] | None:
    """The schema model that describes the mapping at `path` (for 'did you mean' on its keys)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = next(
            (f for name, f in current.model_fields.items() if (f.alias or name) == part), None
        )
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is Annotated:
        return _inner_model(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType, tuple, list):
        for arg in get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _name(loc: PathKey) -> str:
    if len(loc) > 1 and loc[-1] == "text":
        loc = loc[:-1]  # a text in the long form is named as the text it stands for
    names = [p for p in loc if isinstance(p, str)]
    if not names:
        return "value"
    if isinstance(loc[-1], int):
        return f"each item of '{names[-1]}'"
    return f"'{names[-1]}'"


def _diagnostic(
    model: type[BaseModel], error: ErrorDetails, doc: YamlDocument, rel: str
) -> Diagnostic:
    loc: PathKey = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        key = str(loc[-1])
        pos = doc.key_pos(loc)
        parent = _model_at(model, loc[:-1])
        allowed = _keys(parent) if parent else []
        hint = did_you_mean(key, allowed) or (
            "allowed keys: " + ", ".join(allowed) if allowed else None
        )
        return Diagnostic(rel, pos.line, pos.col, f"unknown key '{key}'", hint=hint)
    pos = doc.pos(loc)
    if kind == "missing":
        key = str(loc[-1])
        return Diagnostic(
            rel, pos.line, pos.col, f"missing required key '{key}'", hint=_MISSING_HINTS.get(key)
        )
    if kind == "coursegen":
        return Diagnostic(rel, pos.line, pos.col, error["msg"], hint=ctx.get("hint") or None)
    name = _name(loc)
    if kind in _DATE_ERRORS:
        if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
            return Diagnostic(
                rel,
                pos.line,
                pos.col,
                f"{name} is not a real date: {value}",
                hint="check the month and day",
            )
        return Diagnostic(
            rel,
            pos.line,
            pos.col,
            f"{name} must be a date written YYYY-MM-DD, not {describe(value)}",
        )
    if kind in _EXPECTED:
        return Diagnostic(
            rel, pos.line, pos.col, f"{name} must be {_EXPECTED[kind]}, not {describe(value)}"
        )
    if kind == "literal_error":
        return Diagnostic(
            rel,
            pos.line,
            pos.col,
            f"{name} must be one of {ctx.get('expected')}, not {describe(value)}",
        )
    if kind in ("too_short", "string_too_short"):
        return Diagnostic(rel, pos.line, pos.col, f"{name} must not be empty")
    if kind == "int_parsing_size":
        return Diagnostic(
            rel,
            pos.line,
            pos.col,
            f"{name} is far too large: {describe(value)}",
            hint="write a small whole number, e.g. 5",
        )
    if kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        return Diagnostic(
            rel, pos.line, pos.col, f"{name} must be at least {bound}, not {describe(value)}"
        )
    # Every error the schema can raise is named above; this plain fallback never shows pydantic's
    # own wording, should a new kind of value appear.
    return Diagnostic(  # pragma: no cover
        rel,
        pos.line,
        pos.col,
        f"{name} cannot be {describe(value)}",
        hint="check this value against the examples in docs/user-guide.md",
    )
