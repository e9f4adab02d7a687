"""A read-only, hashable mapping: what lets a Project (and the Edits in it) be a frozen value.

A frozen dataclass holding a dict is frozen in name only: it cannot be hashed, so it cannot key
a cache, and anyone holding it can change it. `FrozenMap` reads like a dict (`[]`, `get`, `in`,
`items`, `{**m, k: v}`), equals any mapping with the same items, and hashes by its items, in
any order. Dataclasses that hold one take a plain dict and freeze it (see `freeze`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """An immutable dict; keys keep the order they were given in."""

    __slots__ = ("_hash", "_items")

    def __init__(self, items: Mapping[K, V] | None = None) -> None:
        self._items: dict[K, V] = dict(items or {})
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._items.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Mapping) and self._items == dict(other.items())

    def __repr__(self) -> str:
        return f"FrozenMap({self._items!r})"

    def __reduce__(self) -> tuple[Any, ...]:  # pickles (and deep-copies) as its items
        return (FrozenMap, (self._items,))


def freeze(value: Any) -> Any:
    """Dicts (nested too) as FrozenMaps and lists as tuples; anything else as it is."""
    if isinstance(value, FrozenMap):
        return value
    if isinstance(value, Mapping):
        return FrozenMap({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value
