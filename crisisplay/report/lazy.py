"""Long lists of the report made one item at a time, as the output is written.

An incident of a million events has a log, decisions and promises by the hundred thousand: each
row, cell and JSON object exists only while it is written, so the report takes the memory of
the incident's state, not of its output. :class:`Lazy` is a ``list`` to the JSON encoder (which
then walks it with ``iter``) and a sequence to the Markdown and HTML writers; it holds nothing
but its source and the function that makes each item.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, SupportsIndex, TypeVar, overload

T = TypeVar("T")
U = TypeVar("U")
V = TypeVar("V")

#: lists shorter than this are made at once (cheaper than the indirection)
SHORT = 64


class Lazy(list[U]):
    """``make(item)`` for each item of ``source``, made again at each walk; ``length`` when
    the source has no ``len`` of its own (a flattening generator function)."""

    def __init__(
        self,
        source: Sequence[T] | Callable[[], Iterable[T]],
        make: Callable[[T], U],
        length: int | None = None,
    ) -> None:
        super().__init__()
        self._source = source
        self._make = make
        self._length = length if length is not None else len(source)  # type: ignore[arg-type]

    def _items(self) -> Iterable[Any]:
        source = self._source
        return source() if callable(source) else source

    def __iter__(self) -> Iterator[U]:
        make = self._make
        for item in self._items():
            yield make(item)

    def __len__(self) -> int:
        return self._length

    def then(self, after: Callable[[U], V]) -> Lazy[V]:
        """``after`` of each item, made in the same step (one walk, not a walk of a walk)."""
        make = self._make

        def both(item: Any) -> V:
            return after(make(item))

        return Lazy(self._source, both, self._length)

    def __bool__(self) -> bool:
        return self._length > 0

    @overload
    def __getitem__(self, index: SupportsIndex) -> U: ...
    @overload
    def __getitem__(self, index: slice) -> list[U]: ...
    def __getitem__(self, index: SupportsIndex | slice) -> U | list[U]:
        if isinstance(index, slice):
            return list(self)[index]
        position = index.__index__()
        if position < 0:
            position += self._length
        for at, item in enumerate(self):
            if at == position:
                return item
        raise IndexError(index)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, list) and list(self) == list(other)

    __hash__ = None

    def __repr__(self) -> str:
        return f"Lazy({self._length} items)"


def mapped(source: Sequence[T], make: Callable[[T], U]) -> Sequence[U]:
    """``make`` of each item: a tuple when short, else made as it is walked."""
    if len(source) < SHORT:
        return tuple(make(item) for item in source)
    return Lazy(source, make)


def flattened(
    source: Sequence[T], inner: Callable[[T], Sequence[Any]], make: Callable[[T, Any], U]
) -> Sequence[U]:
    """``make(item, part)`` for each part of each item (a publication's texts), in order."""
    length = sum(len(inner(item)) for item in source)

    def pairs() -> Iterator[tuple[T, Any]]:
        for item in source:
            for part in inner(item):
                yield item, part

    def made(pair: tuple[T, Any]) -> U:
        return make(*pair)

    if length < SHORT:
        return tuple(made(pair) for pair in pairs())
    return Lazy(pairs, made, length)


def listed(source: Sequence[T], make: Callable[[T], U]) -> list[U]:
    """``mapped`` for JSON data: a list, made as it is written when long."""
    if len(source) < SHORT:
        return [make(item) for item in source]
    return Lazy(source, make)
