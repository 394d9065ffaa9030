"""Turning pydantic validation errors into diagnostics a writer can act on."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from narrative_cli.diagnostics import Diagnostic, error
from narrative_cli.store.yamlio import locate


def validate_model(
    model: type[BaseModel], data: Any, text: str, rel: str, line_offset: int = 0, what: str = "file"
) -> tuple[BaseModel | None, list[Diagnostic]]:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        loc = locate(text, rel, (), line_offset)
        return None, [error("N106", f"{what} must be a mapping of keys to values, not {_type_name(data)}", loc,
                            hint="write `key: value` lines")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, [_diagnostic(model, e, data, text, rel, line_offset) for e in exc.errors()]


def salvage(model: type[BaseModel], data: Any) -> BaseModel | None:
    """The file's model without the keys that failed validation, or None.

    Never a stand-in for the file (it stays out of the project): only so its
    other fields, such as references, are still checked in the same run and
    the writer sees every problem at once."""
    if not isinstance(data, dict):
        return None
    try:
        model.model_validate(data)
        return None
    except ValidationError as exc:
        bad = {e["loc"][0] for e in exc.errors() if e["loc"]}
    try:
        return model.model_validate({k: v for k, v in data.items() if k not in bad})
    except ValidationError:  # a required key is what failed
        return None


def _diagnostic(model: type[BaseModel], err: dict, data: dict, text: str, rel: str, offset: int) -> Diagnostic:
    loc_keys = tuple(err["loc"])
    kind = err["type"]
    where = locate(text, rel, loc_keys, offset)
    field = ".".join(str(k) for k in loc_keys) or "(file)"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc_keys[:-1])
        guess = difflib.get_close_matches(str(loc_keys[-1]), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{guess[0]}'?" if guess else "free-form fields go under `custom:`"
        return error("N201", f"unknown key '{field}'", where, hint=hint)
    if kind == "missing":
        parent = locate(text, rel, loc_keys[:-1], offset)
        return error("N202", f"missing required key '{field}'", parent, hint=f"add a line `{loc_keys[-1]}: ...`")
    if kind in ("literal_error", "enum"):
        expected = err.get("ctx", {}).get("expected", "")
        return error("N204", f"'{field}' must be one of {expected}, not {_show(err.get('input'))}", where,
                     hint="values are lowercase words, written exactly as listed")
    if kind == "string_pattern_mismatch":
        return _pattern_error(field, err.get("input"), where)
    return _value_error(field, loc_keys, err, where)


def _pattern_error(field: str, value: Any, where) -> Diagnostic:
    if field == "language":
        return error("N203", f"'language' is not a BCP 47 language tag: {_show(value)}", where,
                     hint="write a tag such as en, en-GB, fr or pt-BR")
    hint = "ids are lowercase letters, digits and hyphens (kind/id also works)"
    if field == "identifier":
        hint = "the identifier is `urn:uuid:` plus a lowercase UUID; `narrative init` sets it"
    if field == "ci.install":
        hint = "index, git, or one pip requirement without spaces or quotes (git+URL@COMMIT)"
    return error("N203", f"'{field}' is not valid: {_show(value)}", where, hint=hint)


def _value_error(field: str, loc_keys: tuple, err: dict, where) -> Diagnostic:
    msg = err["msg"].removeprefix("Value error, ")
    if not loc_keys:  # a rule about the whole file (a model validator): its message says it all
        if msg.startswith("missing required key '"):
            return error("N202", msg, where, hint=f"add a line `{msg.split(chr(39))[1]}: ...`")
        return error("N203", msg, where)
    return error("N203", f"'{field}': {msg} (got {_show(err.get('input'))})", where,
                 hint=TYPE_HINTS.get(err["type"], "see FORMAT.md for what this field holds"))


TYPE_HINTS = {
    "string_type": "write text; put it in quotes if YAML reads it as a list or mapping",
    "list_type": "write a list: [a, b] on one line, or one '- item' per line",
    "dict_type": "write `key: value` lines indented under it",
    "int_parsing": "write a whole number",
    "int_type": "write a whole number",
    "int_from_float": "write a whole number",
    "bool_parsing": "write true or false",
    "bool_type": "write true or false",
    "greater_than": "write a number above zero",
    "string_too_short": "it cannot be empty",
    "model_type": "write `key: value` lines indented under it",
}


def _allowed_keys(model: type[BaseModel], path: tuple) -> list[str]:
    """Field names of the (nested) model at `path`, for did-you-mean hints."""
    current: Any = model
    for key in path:
        if isinstance(key, int):
            continue
        field = getattr(current, "model_fields", {}).get(key)
        if field is None:
            return []
        current = _inner_model(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    import typing

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _type_name(value: Any) -> str:
    return {list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
