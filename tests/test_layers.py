"""The package's layers hold: no import cycle between its top-level units, whatever the import
(inside a function too), and no function-level import of crisisplay's own modules below the CLI
(the lint rule PLC0415 is on; this test reads the imports itself, so a rule switched off would
not hide one)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "crisisplay"


def _unit(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(module imported, inside a function) for each crisisplay import of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}

    def in_function(node: ast.AST) -> bool:
        while node in parents:
            node = parents[node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                return True
        return False

    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        found += [(name, in_function(node)) for name in names if name.startswith("crisisplay.")]
    return found


def _module_of(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_import_cycle_between_top_level_units() -> None:
    edges: dict[str, set[str]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        source = _unit(_module_of(path)) if "." in _module_of(path) else "__init__"
        for name, _ in _imports(path):
            target = name.split(".")[1]
            if target != source and source != "cli":
                edges[source].add(target)
    cycles = []
    for start in list(edges):
        stack = [(start, [start])]
        seen: set[str] = set()
        while stack:
            node, path = stack.pop()
            for nxt in edges.get(node, ()):
                if nxt == start:
                    cycles.append(" -> ".join([*path, start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    assert not cycles, cycles[:5]


def test_no_function_level_import_of_crisisplay_below_the_cli() -> None:
    found = [
        f"{path.relative_to(PACKAGE.parent)}: {name}"
        for path in PACKAGE.rglob("*.py")
        if "cli" not in path.relative_to(PACKAGE).parts
        for name, inside in _imports(path)
        if inside
    ]
    assert not found, found[:10]


def test_every_module_imports_first() -> None:
    """Each module imported first, alone: a cycle inside a unit shows whatever the order."""
    import subprocess
    import sys

    code = (
        "import importlib, pkgutil, sys\n"
        "import crisisplay\n"
        "names = [m.name for m in pkgutil.walk_packages(crisisplay.__path__, 'crisisplay.')]\n"
        "bad = []\n"
        "for name in names:\n"
        "    for loaded in [m for m in sys.modules if m.startswith('crisisplay.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        bad.append(f'{name}: {exc}')\n"
        "print('\\n'.join(bad))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    assert ran.stdout.strip() == "", ran.stdout
