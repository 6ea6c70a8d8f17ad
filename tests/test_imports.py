"""The layering rules of the developers' guide, read from the source: no import cycles anywhere under
bot/, and no `telegram` import under bot/core/ (the core is the part the console shares with Telegram).

Imports are read with `ast`, without running the code, and all of them count: top-level ones, those
inside functions and those under `if TYPE_CHECKING:`, since each is a dependency the design has.
`from package import name` depends on the package (its __init__ runs first) and, when `name` is a
module, on that module too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

BOT = Path(__file__).resolve().parent.parent / "bot"


def modules_of(package_dir: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the package (packages by their __init__)."""
    found = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute name an ImportFrom's module part means inside `module`."""
    if node.level == 0:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join([*base, node.module] if node.module else base)


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """Every module name `module` imports (ours and third-party), resolved to absolute names."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, path.name == "__init__.py", node)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in known)
    names.discard(module)
    return names


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports."""
    modules = modules_of(package_dir)
    known = set(modules)
    return {name: imports_of(name, path, known) & known for name, path in modules.items()}


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(components)


def describe(graph: dict[str, set[str]], cycle: list[str]) -> str:
    """One line per module of a cycle, with its imports inside the cycle."""
    return "\n".join(f"  {m} -> {', '.join(sorted(graph[m] & set(cycle)))}" for m in cycle)


def telegram_imports(package_dir: Path, layer: str) -> dict[str, set[str]]:
    """Modules under the dotted `layer` that import telegram (or any telegram.* module)."""
    modules = modules_of(package_dir)
    known = set(modules)
    found = {}
    for name, path in modules.items():
        if name == layer or name.startswith(layer + "."):
            hits = {i for i in imports_of(name, path, known) if i == "telegram" or i.startswith("telegram.")}
            if hits:
                found[name] = hits
    return found


# ---- the rules, on bot/ ----

def test_bot_has_no_import_cycles() -> None:
    graph = import_graph(BOT)
    assert len(graph) > 50 and graph["bot.app"], "the walk found too little to mean anything"
    cycles = import_cycles(graph)
    assert not cycles, "import cycles:\n" + "\n\n".join(describe(graph, c) for c in cycles)


def test_core_never_imports_telegram() -> None:
    assert "bot.handlers.registry" in telegram_imports(BOT, "bot"), "the walk must see the handlers' telegram imports"
    assert telegram_imports(BOT, "bot.core") == {}


# ---- the checker itself can fail ----

def _package(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root / "pkg"


def test_checker_finds_a_cycle_through_a_package_init(tmp_path: Path) -> None:
    """The shape bot/handlers had: __init__ imports a module that imports the package back."""
    pkg = _package(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/handlers/__init__.py": "from pkg.handlers import start\n",
        "pkg/handlers/start.py": "from pkg.handlers import quiz\n",
        "pkg/handlers/quiz.py": "import json\n",
        "pkg/core/__init__.py": "",
        "pkg/core/content.py": "def load():\n    from .render import fmt  # a lazy import is still a dependency\n",
        "pkg/core/render.py": "from pkg.core.content import load\n",
        "pkg/core/leaf.py": "from . import content\n",
    })
    graph = import_graph(pkg)
    assert graph["pkg.core.leaf"] == {"pkg.core", "pkg.core.content"}
    assert import_cycles(graph) == [["pkg.core.content", "pkg.core.render"], ["pkg.handlers", "pkg.handlers.start"]]


def test_checker_finds_no_cycle_in_a_one_way_package(tmp_path: Path) -> None:
    pkg = _package(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/core/__init__.py": "",
        "pkg/core/model.py": "from dataclasses import dataclass\n",
        "pkg/core/render.py": "from pkg.core.model import Topic\n",
        "pkg/core/content.py": "from pkg.core import model, render\n",
    })
    assert import_cycles(import_graph(pkg)) == []


def test_checker_finds_telegram_in_core_however_it_is_imported(tmp_path: Path) -> None:
    pkg = _package(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/core/__init__.py": "",
        "pkg/core/plain.py": "import telegrams_are_old\n",
        "pkg/core/a.py": "import telegram\n",
        "pkg/core/b.py": "from telegram.constants import ParseMode\n",
        "pkg/core/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from telegram import Update\n",
        "pkg/handlers.py": "import telegram\n",
    })
    assert telegram_imports(pkg, "pkg.core") == {
        "pkg.core.a": {"telegram"},
        "pkg.core.b": {"telegram.constants"},
        "pkg.core.c": {"telegram"},
    }


@pytest.mark.parametrize("level, expected", [(1, "pkg.core.model"), (2, "pkg.model")])
def test_relative_imports_resolve_from_the_importing_module(tmp_path: Path, level: int, expected: str) -> None:
    pkg = _package(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/model.py": "",
        "pkg/core/__init__.py": "",
        "pkg/core/model.py": "",
        "pkg/core/render.py": f"from {'.' * level}model import Topic\n",
    })
    assert import_graph(pkg)["pkg.core.render"] == {expected}
