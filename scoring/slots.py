"""Shallow copies of slotted state objects.

The explorer, the expert search and bulk grading copy a check (and the scorer and its
compliance state) on every step they have not seen before. Each class's slot names are
read once (base first), and the copy reads them all in one `attrgetter` call.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import TypeVar

T = TypeVar("T")


def all_slots(cls: type) -> tuple[str, ...]:
    """Every slot of `cls` and its bases, base first, each once."""
    return tuple(dict.fromkeys(s for k in reversed(cls.__mro__) for s in getattr(k, "__slots__", ())))


def slot_copier(cls: type[T]) -> Callable[[T], T]:
    """A function returning a shallow copy of an instance of `cls` (every slot set)."""
    names = all_slots(cls)
    read = attrgetter(*names)
    single = len(names) == 1
    new = object.__new__

    def copy(self: T) -> T:
        twin = new(cls)
        values = (read(self),) if single else read(self)
        for name, value in zip(names, values, strict=True):
            setattr(twin, name, value)
        return twin

    return copy
