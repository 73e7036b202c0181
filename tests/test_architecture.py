"""The layout STYLE.md asks for, checked from the source: layers, no cycles, SQL in its folders, short modules.

Every module under events/ and tracker/ is parsed with `ast`; every import counts, including
those inside functions and under `if TYPE_CHECKING:`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("events", "tracker")
MAX_LINES = 400

# Which layers each layer may import. The graph runs one way, downwards:
#   tracker.cli → tracker.session → tracker.input → tracker.application → events,
# with tracker.store, tracker.views, tracker.reports and tracker.feeds beneath the session (they import only
# events and the foundation modules, never each other nor anything above them), and tracker.demo
# over the session. A layer may skip the ones between it and what it imports.
FOUNDATION = {"tracker", "tracker.errors", "tracker.records", "tracker.gcpause", "tracker.data"}  # tracker: __version__
BENEATH = {"foundation", "events"}
ALLOWED: dict[str, set[str]] = {
    "events": {"events"},
    "foundation": BENEATH,
    "application": {"application", *BENEATH},
    "input": {"input", "application", *BENEATH},
    "store": {"store", *BENEATH},
    "views": {"views", *BENEATH},
    "reports": {"reports", *BENEATH},
    # Feed polling (fetch, parse, pure decisions, the poller's own state file) beside store and views.
    "feeds": {"feeds", *BENEATH},
    # Extraction: report text in, candidate facts out; pure, beside feeds.
    "extract": {"extract", *BENEATH},
    "session": {"session", "input", "application", "store", "views", "reports", "feeds", "extract", *BENEATH},
    "demo": {"demo", "session", *BENEATH},
    "cli": {
        "cli",
        "demo",
        "session",
        "input",
        "application",
        "store",
        "views",
        "reports",
        "feeds",
        "extract",
        *BENEATH,
    },
}
# The domain does no I/O and knows no framework of the edges.
EVENTS_MAY_NOT_IMPORT = ("tracker", "httpx", "sqlite3", "sqlite_utils", "apscheduler", "typer", "psycopg",
                         "psycopg_pool", "rich", "feedparser", "platformdirs", "eventsourcing.sqlite",
                         "eventsourcing.postgres")  # fmt: skip
SQL_HOMES = ("tracker/store/", "tracker/views/", "tracker/feeds/")
SQL = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE (TABLE|INDEX|UNIQUE INDEX)|DROP|ALTER TABLE|PRAGMA|COPY)\b")


@dataclass(frozen=True)
class Import:
    source: str
    target: str
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.source} → {self.target} ({self.path}:{self.line})"


@cache
def modules() -> dict[str, Path]:
    """Every module of the two packages by dotted name (a package by its own name)."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


@cache
def tree(name: str) -> ast.Module:
    return ast.parse(modules()[name].read_text(encoding="utf-8"), filename=str(modules()[name]))


def rel(name: str) -> str:
    return modules()[name].relative_to(ROOT).as_posix()


def imports(name: str) -> Iterator[Import]:
    """Every import in a module, wherever it stands, resolved to the most precise module it names."""
    is_package = modules()[name].name == "__init__.py"
    for node in ast.walk(tree(name)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(name, alias.name, rel(name), node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield Import(name, full if full in modules() else base, rel(name), node.lineno)


def internal_imports() -> list[Import]:
    return [i for name in modules() for i in imports(name) if i.target.split(".")[0] in PACKAGES]


def layer(name: str) -> str | None:
    """The layer of a module, or None for one that has none yet."""
    parts = name.split(".")
    if parts[0] == "events":
        return "events"
    if ".".join(parts[:2]) in FOUNDATION:
        return "foundation"
    return parts[1] if parts[1] in ALLOWED else None


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one member, or a self-loop (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(edges.get(node, ())):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def unit(name: str) -> str:
    """What a module counts as in the graph of packages: the modules of events/ and tracker/ themselves
    (events.decide, tracker.session), the package holding any deeper one (tracker.views.projections)."""
    if name.count(".") <= 1:
        return name
    return name if modules()[name].name == "__init__.py" else name.rpartition(".")[0]


def test_every_module_has_a_layer() -> None:
    """Each module under tracker/ belongs to a layer the import rules know, so a new package needs a decision."""
    unmapped = [rel(name) for name in modules() if layer(name) is None]
    assert not unmapped, f"modules with no layer (add them to ALLOWED in {Path(__file__).name}): {unmapped}"


def test_imports_run_one_way() -> None:
    """No module imports a layer above or beside it: cli → session → input → application → events, store/views/reports beneath the session."""
    wrong = [
        f"{layer(i.source)} may not import {layer(i.target)}: {i}"
        for i in internal_imports()
        if (source := layer(i.source)) is not None and layer(i.target) not in ALLOWED[source]
    ]
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_the_domain_imports_nothing_of_the_edges() -> None:
    """events/ imports nothing from tracker/ and no I/O or framework library (httpx, sqlite, apscheduler, typer, psycopg…)."""
    wrong = [
        str(i)
        for name in modules()
        if layer(name) == "events"
        for i in imports(name)
        if any(i.target == banned or i.target.startswith(banned + ".") for banned in EVENTS_MAY_NOT_IMPORT)
    ]
    assert not wrong, "events/ imports what it may not:\n" + "\n".join(wrong)


def test_no_import_cycles() -> None:
    """No module imports itself through others, nor does any package (modules grouped by their package)."""
    by_module: dict[str, set[str]] = {}
    by_package: dict[str, set[str]] = {}
    for i in internal_imports():
        if i.target in modules() and i.target != i.source:
            by_module.setdefault(i.source, set()).add(i.target)
            source, target = unit(i.source), unit(i.target)
            if source != target:
                by_package.setdefault(source, set()).add(target)
    problems = []
    for kind, edges in (("modules", by_module), ("packages", by_package)):
        for component in cycles(edges):
            inside = sorted(f"{a} → {b}" for a in component for b in edges.get(a, ()) if b in component)
            problems.append(f"a cycle of {kind} {component}: " + ", ".join(inside))
    assert not problems, "\n".join(problems)


def docstrings(module: ast.Module) -> set[int]:
    """The ids of the docstring nodes of a module and of its classes and functions."""
    found = set()
    for node in ast.walk(module):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def test_sql_lives_in_store_and_views() -> None:
    """Every string literal that starts an SQL statement is in tracker/store/ or tracker/views/ (later tracker/feeds/); docstrings do not count."""
    stray = []
    for name in modules():
        path = rel(name)
        if path.startswith(SQL_HOMES):
            continue
        module = tree(name)
        skip = docstrings(module)
        for node in ast.walk(module):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and SQL.match(node.value)
            ):
                stray.append(f"{path}:{node.lineno}: {node.value.strip().splitlines()[0][:70]!r}")
    assert not stray, "SQL outside tracker/store/ and tracker/views/:\n" + "\n".join(stray)


def test_no_module_is_longer_than_400_lines() -> None:
    """No module under events/ or tracker/ passes 400 lines (STYLE.md: split it, or it holds two jobs)."""
    long = {
        rel(name): count
        for name, path in modules().items()
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"modules over {MAX_LINES} lines: {long}"
