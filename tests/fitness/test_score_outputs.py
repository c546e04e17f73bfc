"""`youjun fitness score` writes its outputs row by row (constant-memory XLSX, compact JSON
streamed a pupil a line): the content is what the plain, whole-in-memory writing gave — every
cell of scores.xlsx and every value of scores.json — and 学籍号 is wide enough to read."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from youjun.cli import fitness_cmd
from youjun.cli.main import main
from youjun.core.fitness import load_tables
from youjun.ingest import fitness_workbook as fw


def test_outputs_are_the_plain_writing_of_the_same_scores(tmp_path: Path) -> None:
    t = load_tables()
    src = tmp_path / "in.xlsx"
    header, lines = fw.sample_rows(240, 11, t)
    fw.write_workbook(src, header, lines)
    out = tmp_path / "out"
    assert main(["fitness", "score", str(src), "--out", str(out)]) == 0
    rows, scored, problems = fitness_cmd._year_results(fw.read_workbook(src, t).rows, t)
    assert not problems
    # scores.json: the same document as one json.dumps of everything
    doc = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    expected = json.loads(json.dumps([fitness_cmd._score_dict(r, s) for r, s in zip(rows, scored, strict=True)],
                                     ensure_ascii=False))
    assert doc["pupils"] == expected and doc["schema"] == "youjun.fitness.scores"
    assert not (out / "scores.json").read_text(encoding="utf-8").startswith("{\n ")  # compact, not indented
    stats = json.loads((out / "statistics.json").read_text(encoding="utf-8"))
    assert stats["denominator"] == "scored pupils" and stats["rows"]
    # scores.xlsx: every cell as the per-cell writing put it (text columns text, numbers numbers)
    head = fw.export_header()
    text = set(fw.IDENTITY) | set(fw.EXTRA)
    want = [[None if v in (None, "") else fw.safe_text(str(v)) if head[c] in text or not isinstance(v, int | float)
             else v for c, v in enumerate(line)] for line in fw.export_rows(rows, scored, t)]
    ws = openpyxl.load_workbook(out / "scores.xlsx").worksheets[0]
    got = [list(r) for r in ws.iter_rows(values_only=True)]
    assert got[0] == head
    assert [g[:len(head)] for g in got[1:]] == [w + [None] * (len(head) - len(w)) for w in want]
    col = openpyxl.utils.get_column_letter(head.index("学籍号") + 1)
    assert (ws.column_dimensions[col].width or 0) >= 20
