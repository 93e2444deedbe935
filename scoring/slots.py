"""Shallow copies of slotted state objects, written out slot by slot.

The explorer, the expert search and bulk grading copy a check (and the scorer and its
compliance state) on every step they have not seen before. A loop of `setattr` over the
slots cost ~2.4 us a check; straight attribute loads and stores, which the interpreter
specialises, cost a fifth of that. The function is written out once per class from its
own slot names, as `dataclasses` writes out an `__init__`: the names come from the class
definitions in this package (Python has already checked they are identifiers), never from
content or any other input.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def all_slots(cls: type) -> tuple[str, ...]:
    """Every slot of `cls` and its bases, base first, each once."""
    return tuple(dict.fromkeys(s for k in reversed(cls.__mro__) for s in getattr(k, "__slots__", ())))


def slot_copier(cls: type[T]) -> Callable[[T], T]:
    """A function returning a shallow copy of an instance of `cls` (every slot set)."""
    names = all_slots(cls)
    if not all(n.isidentifier() for n in names):  # cannot happen for a class Python built
        raise ValueError(f"{cls.__name__}: slot names must be identifiers")
    body = "".join(f"    new.{n} = self.{n}\n" for n in names)
    source = f"def copy(self):\n    new = _new(_cls)\n{body}    return new\n"
    namespace: dict[str, object] = {"_new": object.__new__, "_cls": cls}
    exec(compile(source, f"<{cls.__name__} copier>", "exec"), namespace)  # noqa: S102 - see the module docstring
    copier = namespace["copy"]
    return copier  # type: ignore[return-value]
