"""Shallow copies of slotted state objects.

The explorer, the expert search and bulk grading copy a check (and the scorer and its
compliance state) on every step they have not seen before. Each class's slot names are
read once (base first); a copy reads them all in one `attrgetter` call and writes them
with `setattr` mapped over them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from itertools import repeat
from operator import attrgetter
from typing import TypeVar

T = TypeVar("T")

_consume: Callable[[Iterable[object]], None] = deque[object](maxlen=0).extend  # runs an iterator out, keeps nothing


def all_slots(cls: type) -> tuple[str, ...]:
    """Every slot of `cls` and its bases, base first, each once."""
    return tuple(dict.fromkeys(s for k in reversed(cls.__mro__) for s in getattr(k, "__slots__", ())))


def slot_copier(cls: type[T]) -> Callable[[T], T]:
    """A function returning a shallow copy of an instance of `cls` (every slot set). The
    slots are read in one `attrgetter` call and written by `setattr` mapped over them, so no
    bytecode runs per slot (a loop of setattr calls cost about twice as much)."""
    names = all_slots(cls)
    read = attrgetter(*names)
    single = len(names) == 1
    count = len(names)
    new = object.__new__

    def copy(self: T) -> T:
        twin = new(cls)
        _consume(map(setattr, repeat(twin, count), names, (read(self),) if single else read(self)))
        return twin

    return copy
