"""The edge of ``render``: the files written by ``--out``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from crisisplay.errors import UsageError
from crisisplay.messages.rendered import RenderedChannel
from crisisplay.outfile import write_output


@dataclass(frozen=True)
class Written:
    paths: list[Path] = field(default_factory=list)
    overwritten: list[Path] = field(default_factory=list)


def output_files(item: RenderedChannel) -> dict[str, str]:
    """``<message>.<channel>.<lang>.txt`` (+ ``.title.txt``, ``.html``) -> content."""
    stem = f"{item.message or 'text'}.{item.channel}.{item.lang}"
    files = {f"{stem}.txt": item.text + "\n"}
    if item.title is not None:
        files[f"{stem}.title.txt"] = item.title + "\n"
    if item.html is not None:
        files[f"{stem}.html"] = item.html + "\n"
    return files


def write_outputs(items: Sequence[RenderedChannel], folder: Path) -> Written:
    """One file per rendered channel and part, inside ``folder`` and nowhere else."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {folder}: {exc.strerror or exc}") from None
    real = folder.resolve()
    written = Written()
    for item in items:
        if item.skipped is not None:
            continue
        for name, content in output_files(item).items():
            path = folder / name
            if path.is_symlink():
                raise UsageError(f"refusing to write {path}: it is a symlink")
            if "/" in name or path.parent.resolve() != real:
                raise UsageError(f"refusing to write {path}: outside {folder}")
            if write_output(path, content):
                written.overwritten.append(path)
            written.paths.append(path)
    return written
