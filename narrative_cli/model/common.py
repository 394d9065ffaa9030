"""Types shared by the schemas: ids, references, story dates."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
ID_RE = re.compile(ID_PATTERN)
REF_RE = re.compile(r"^(?:([a-z]+)/)?([a-z0-9][a-z0-9-]{0,63})$")

CANON_KINDS = ("characters", "locations", "factions", "items", "magic", "events")


def is_valid_id(text: str) -> bool:
    return bool(ID_RE.match(text))


def _story_date(value: Any) -> Any:
    """Story dates are text ("312-04-02", "Year of the Flood"); YAML may hand us a date or a number."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


def _timestamp(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return value


StoryDate = Annotated[str, BeforeValidator(_story_date)]
Timestamp = Annotated[str, BeforeValidator(_timestamp)]
Ref = Annotated[
    str,
    Field(
        pattern=r"^(?:[a-z]+/)?[a-z0-9][a-z0-9-]{0,63}$",
        description="an entity id (`elena-voss`) or kind/id (`characters/elena-voss`)",
    ),
]
Text = Annotated[str, BeforeValidator(_story_date)]  # a number where text is expected is still text


class Strict(BaseModel):
    """Every schema refuses unknown keys; free-form data goes under `custom:`."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)
