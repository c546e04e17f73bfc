"""Reference documentation generated from the code's own definitions.

``docs/errors.md`` and ``docs/data-contract.md`` are written by these functions
(`python -m youjun.core.reference`), and a test fails when they drift from the catalogue or
the schema, so the documentation can never describe a different contract than the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from youjun.core.errors import CATALOGUE, Severity
from youjun.core.schema import SCHEMA_VERSION, TABLES, FieldType

ERRORS_INTRO = """# Error catalogue / 错误代码表

Every problem youjun reports — from `youjun validate`, the import, the API and the web pages —
comes from this one catalogue. Codes are stable: a code keeps its meaning for good; new
problems get new codes. Codes starting with `E` are errors (the file is not imported);
codes starting with `W` are warnings (reported, import goes on).

This page is generated from `src/youjun/core/errors.py` by
`python -m youjun.core.reference`; do not edit it by hand.

## The JSON shape of a problem

`youjun validate --format json` prints one object:

```json
{
  "source": "district.xlsx",
  "ok": false,
  "summary": {"ok": false, "errors": 1, "warnings": 0, "by_code": {"E206": 1},
              "rows": {"schools": 186, "teachers": 9133}},
  "problems": [
    {
      "code": "E206",
      "severity": "error",
      "location": {"file": "district.xlsx", "sheet": "学校", "row": 5, "column": "学校标识码", "cell": "A5"},
      "value": "500118001",
      "rule": "schools.school_code",
      "message": {"zh": "“学校标识码”的值“500118001”格式不对，应为10位数字的学校标识码",
                  "en": "'School code' = '500118001' has the wrong format: expected the 10-digit school identifier"},
      "hint": {"zh": "请按格式填写；…", "en": "Use the format shown; …"}
    }
  ]
}
```

- `location.row` is the row a person sees: the Excel row or CSV line (header = 1, the
  template's notes row = 2, data from 3), or the record number in a Parquet dataset; it is
  `null` for problems of a whole table or file.
- `location.column` is the header as written in the file.
- `location.cell` is the cell address ("A5") when the problem is one cell of a sheet or of a CSV
  file as Excel shows it (its header cell for a header problem); "" otherwise (a whole table or
  file, a Parquet record, a web form). The CLI line says it as
  工作表“学校” 单元格 A5（第5行，“学校标识码”列）, for a CSV 文件“schools.csv” 单元格 A5（…）.
- `rule` names the contract rule broken (`table.field`, or `table.field.check`).
- `youjun import --format json` adds `imported`, and on success `snapshot_id`, `data_hash`,
  `rows` and `db`. The exit status is 1 when there is any error, 0 otherwise.

## Codes
"""


def errors_markdown() -> str:
    lines = [ERRORS_INTRO]
    lines.append("| code | severity | 问题 | problem | 怎么办 / what to do |")
    lines.append("|---|---|---|---|---|")
    for s in CATALOGUE.values():  # the whole catalogue, the consultation platform's codes too
        sev = "错误 error" if s.severity is Severity.ERROR else "警告 warning"
        todo = f"{s.hint_zh}<br>{s.hint_en}".replace("|", "\\|")
        lines.append(f"| `{s.code}` | {sev} | {s.title_zh} | {s.title_en} | {todo} |")
    return "\n".join(lines) + "\n"


TYPE_NAMES = {
    FieldType.STRING: "text 文本", FieldType.INTEGER: "integer 整数", FieldType.NUMBER: "number 数值",
    FieldType.BOOLEAN: "yes/no 是/否", FieldType.DATE: "date 日期", FieldType.CODE: "code 代码",
}


def contract_markdown() -> str:
    lines = [
        "# District data contract / 区县数据规范",
        "",
        f"Schema version `{SCHEMA_VERSION}`. Generated from `src/youjun/core/schema.py` by",
        "`python -m youjun.core.reference`; do not edit by hand.",
        "",
        "One file (a workbook with one sheet per table, a directory of CSV files named by table",
        "key or Chinese name, or Parquet) holds one school year of one or more districts.",
        "Headers may be the Chinese name or the English key. Coded values may be given as the",
        "Chinese label, the English code or the English label.",
        "",
    ]
    for t in TABLES:
        req = "required 必填" if t.required else "optional 选填"
        lines += [f"## `{t.key}` — {t.zh} / {t.en} ({req})", "", f"{t.note_zh}. {t.note_en}.", "",
                  f"Key: {', '.join(f'`{k}`' for k in t.primary_key)}", "",
                  "| key | 中文列名 | English | type | unit | required | allowed / format | used by |",
                  "|---|---|---|---|---|---|---|---|"]
        for f in t.fields:
            if f.choices:
                allowed = "; ".join(f"`{c.code}` {c.zh}" for c in f.choices)
            elif f.pattern:
                allowed = f"{f.pattern_hint_zh} / {f.pattern_hint_en}"
            elif f.minimum is not None or f.maximum is not None:
                allowed = f"{_n(f.minimum)}–{_n(f.maximum)}"
            else:
                allowed = ""
            if f.references:
                allowed += f" → `{f.references[0]}.{f.references[1]}`"
            unit = f"{f.unit_zh} ({f.unit_en})" if f.unit_zh else ""
            required = "yes" if f.required and not f.blank_means_zero else "no"
            used = ", ".join(f"`{u}`" for u in f.used_by[:6]) + (" …" if len(f.used_by) > 6 else "")
            lines.append(f"| `{f.key}` | {f.zh} | {f.en} | {TYPE_NAMES[f.type]} | {unit} | {required} "
                         f"| {allowed.replace('|', '/')} | {used} |")
        lines.append("")
    return "\n".join(lines)


def _n(x: float | None) -> str:
    if x is None:
        return ""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def write_all(docs: Path) -> None:
    (docs / "errors.md").write_text(errors_markdown(), encoding="utf-8")
    (docs / "data-contract.md").write_text(contract_markdown(), encoding="utf-8")


if __name__ == "__main__":
    write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
