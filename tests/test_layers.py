"""Imports only point downwards (DESIGN.md, "Layers"): each package of fxorleans/ imports only
the packages and top-level modules its row below allows, besides itself.

Every module is parsed, not imported, so an import inside a function counts as much as one at
the top, and nothing here depends on what happens to be installed.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "fxorleans"

# package -> what it may import besides itself (packages and top-level modules of fxorleans/)
ALLOWED: dict[str, frozenset[str]] = {
    "domain": frozenset({"clock"}),
    "store": frozenset({"domain", "config", "clock"}),
    "services": frozenset({"store", "domain", "config", "clock"}),
    "sandbox": frozenset({"store", "config", "clock", "http_limits"}),
    "accounts": frozenset({"store", "domain", "services", "bootstrap", "config", "clock"}),
    "booking": frozenset({"store", "domain", "services", "accounts", "bootstrap", "config",
                          "clock"}),
    "state": frozenset({"booking", "accounts", "domain", "routes", "config", "clock"}),
    "components": frozenset({"components", "state", "domain", "routes", "config"}),
    "pages": frozenset({"components", "state", "domain", "routes", "config"}),
    "seed": frozenset(),  # data files only
}


def _unit(module: str) -> str | None:
    """The package or top-level module of fxorleans/ that `module` belongs to."""
    parts = module.split(".")
    if parts[0] != "fxorleans":
        return None
    return parts[1] if len(parts) > 1 else "fxorleans"


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every fxorleans module `path` imports, wherever the import stands."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: str) -> list[tuple[int, str]]:
    """(line, module) of the fxorleans imports in `source`, a module of `package`."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from fxorleans import clock` imports the module fxorleans.clock
            found += [(node.lineno, f"{base}.{a.name}" if base == "fxorleans" else base)
                      for a in node.names]
        elif (isinstance(node, ast.Call) and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and ((isinstance(node.func, ast.Name) and node.func.id == "__import__")
                   or (isinstance(node.func, ast.Attribute)
                       and node.func.attr == "import_module"))):
            found.append((node.lineno, node.args[0].value))
    return sorted((line, m) for line, m in found if _unit(m) is not None)


def violations() -> list[str]:
    problems: list[str] = []
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if len(rel.parts) == 1:
            continue  # top-level modules (cli, http, bootstrap, ...) may import anything
        package = rel.parts[0]
        if package not in ALLOWED:
            problems.append(f"fxorleans/{rel}: package {package!r} has no row in ALLOWED")
            continue
        for line, module in _imports(path):
            unit = _unit(module)
            if unit in (package, "fxorleans") or unit in ALLOWED[package]:
                continue
            problems.append(f"fxorleans/{rel}:{line}: {package} imports {module}")
    return problems


def test_every_package_imports_only_what_its_layer_allows() -> None:
    problems = violations()
    for problem in problems:
        print(problem)
    assert not problems, "layer violations:\n" + "\n".join(problems)


def test_the_checker_sees_imports_in_functions_and_relative_ones() -> None:
    source = ("import os\nfrom fxorleans import clock, http\n"
              "def f():\n    from fxorleans.booking import holds\n    from . import x\n"
              "    from ..store import db\n    import fxorleans.pages.home\n"
              "    __import__('fxorleans.state.book')\n")
    got = [m for _, m in imports_in(source, "fxorleans.domain")]
    assert got == ["fxorleans.clock", "fxorleans.http", "fxorleans.booking", "fxorleans.domain",
                   "fxorleans.store", "fxorleans.pages.home", "fxorleans.state.book"]
