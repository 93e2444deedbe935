"""A time of day as trainers write it in YAML.

PyYAML reads an unquoted `21:30` as a base-60 number (1290), which pydantic would then take
as 1290 seconds, 00:21:30: a call at half past nine in the evening would pass the
contact-hours rules as a call just after midnight. So a number is refused, with the fix."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator


def _quoted(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError('write the time in quotes, as "HH:MM": unquoted, YAML reads '
                         "21:30 as the number 1290")
    return value


TimeOfDay = Annotated[dt.time, BeforeValidator(_quoted)]
