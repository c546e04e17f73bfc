"""A row lock joined to a nullable relation fails on PostgreSQL ("FOR UPDATE cannot be applied to
the nullable side of an outer join") while SQLite ignores locks, so the SQLite suite cannot see it.
Every query that locks and also selects related rows must lock only its own table."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "youjun"


def _chain(call: ast.Call) -> list[ast.Call]:
    """The method calls of one query chain, outermost first (``a.b().c().d()`` → d, c, b)."""
    calls: list[ast.Call] = []
    node: ast.expr = call
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        calls.append(node)
        node = node.func.value
    return calls


def offenders_in(source: str) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        chain = _chain(node)
        names = {c.func.attr for c in chain if isinstance(c.func, ast.Attribute)}
        bare_lock = any(isinstance(c.func, ast.Attribute) and c.func.attr == "select_for_update"
                        and not any(k.arg == "of" for k in c.keywords) for c in chain)
        if bare_lock and "select_related" in names:
            lines.append(node.lineno)
    return sorted(set(lines))


def test_every_lock_with_a_join_locks_only_its_own_rows() -> None:
    found = [f"{path.relative_to(SRC)}:{n}" for path in sorted(SRC.rglob("*.py"))
             for n in offenders_in(path.read_text(encoding="utf-8"))]
    assert not found, 'use select_for_update(of=("self",)) with select_related: ' + ", ".join(found)


def test_the_check_sees_the_pattern_it_guards() -> None:
    assert offenders_in('x = Studio.objects.select_for_update().select_related("host").get(pk=1)')
    assert offenders_in('x = (M.objects.select_for_update()\n    .filter(a=1).select_related("g"))')
    assert not offenders_in('x = Studio.objects.select_for_update(of=("self",)).select_related("host").get(pk=1)')
    assert not offenders_in('x = Studio.objects.select_for_update().get(pk=1)')
