"""The package's shape, as ARCHITECTURE.md states it: layers, no cycles, thin commands.

Imports are read with ``ast`` (lazy imports inside functions count too), so a
rule broken anywhere in ``toolkit/`` fails here with the module that broke it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

PACKAGE = ROOT / "toolkit"
CORE = {"toolkit", "toolkit.config", "toolkit.locales", "toolkit.errors", "toolkit.fileio", "toolkit.findings",
        "toolkit.serve"}
# What each stage may import besides the core and itself.
ALLOWED = {
    "po": set(),
    "extract": {"po", "build"},  # the Markdown and disclaimer parsers live with the build
    "update": {"po"},
    "build": {"po"},
    "checks": {"po", "build"},  # legal checks read the approvals
    "crawl": set(),
    "report": {"po", "build", "checks"},
    "runtime": {"po", "build"},
    "commands": {"po", "extract", "update", "build", "checks", "report", "crawl", "runtime"},
    "cli": {"commands"},
    "__main__": {"cli"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> set[str]:
    """Every toolkit module ``path`` imports, resolved to an absolute dotted name."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("toolkit"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("toolkit"):
                continue
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in MODULES else target)
    return found


FILES = sorted(PACKAGE.rglob("*.py"))
MODULES = {module_name(path) for path in FILES}
GRAPH = {module_name(path): imports_of(path) for path in FILES}


def stage_of(module: str) -> str:
    if module in CORE:
        return "core"
    return module.split(".")[1]


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_each_module_imports_only_its_layer(module):
    stage = stage_of(module)
    allowed = {"core", stage} | ALLOWED.get(stage, set())
    wrong = sorted(target for target in GRAPH[module] if stage_of(target) not in allowed)
    assert not wrong, f"{module} ({stage}) must not import {wrong}: see ARCHITECTURE.md"


def test_no_command_imports_another_command():
    for module, targets in GRAPH.items():
        if module.startswith("toolkit.commands."):
            others = sorted(t for t in targets if t.startswith("toolkit.commands.") and t != module)
            assert not others, f"{module} imports {others}: shared logic belongs in a stage package"


def test_no_import_cycles():
    # Package __init__ modules that only re-export are edges too: a cycle through one is still a cycle.
    seen: dict[str, int] = {}  # 1 = on the current path, 2 = done

    def visit(module: str, path: list[str]) -> None:
        seen[module] = 1
        for target in sorted(GRAPH.get(module, ())):
            if target not in GRAPH or target == module or module.startswith(target + "."):
                continue  # a module importing its own package's __init__ is Python's order, not a cycle
            if seen.get(target) == 1:
                cycle = path[path.index(target):] + [target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in seen:
                visit(target, path + [target])
        seen[module] = 2

    for module in sorted(GRAPH):
        if module not in seen:
            visit(module, [module])


def test_cyclic_gc_is_switched_off_in_one_place_only():
    places = [path.relative_to(ROOT).as_posix() for path in FILES if "gc.disable(" in path.read_text()]
    assert len(places) <= 1, places
