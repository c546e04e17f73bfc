"""Reference documentation generated from the code's own definitions.

``docs/errors.md`` and ``docs/data-contract.md`` are written by these functions
(`python -m youjun.core.reference`), and a test fails when they drift from the catalogue or
the schema, so the documentation can never describe a different contract than the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from youjun.core.errors import CATALOGUE, Severity
from youjun.core.evidence_rows import DISTRICT_ITEMS, PRECONDITIONS, SCHOOL_ITEMS, VETOES, quoted
from youjun.core.schema import SCHEMA_VERSION, TABLES, Choice, FieldType

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
  工作表“学校”单元格 A5（第5行，“学校标识码”列）, for a CSV 文件“schools.csv”单元格 A5（…）.
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
        req = "required 必填" if t.required else RECOGNITION_NEEDS.get(t.key, "optional 选填")
        lines += [f"## `{t.key}` — {t.zh} / {t.en} ({req})", "", f"{t.note_zh}. {t.note_en}.", "",
                  *([_evidence_rows(), ""] if t.key == "evidence" else []),
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


# A table a file may leave out, whose rows the assessment needs all the same.
RECOGNITION_NEEDS = {"evidence": "optional as a sheet, required for recognition 评估认定必填"}


def _evidence_rows() -> str:
    """Which evidence rows a district needs (``core.evidence_rows``), as W507 checks them."""
    def codes(choices: tuple[Choice, ...]) -> str:
        return ", ".join(f"`{c.code}`" for c in choices)

    return (f"A file without this sheet is read, but every district needs one row (school code empty) "
            f"for each of {codes(DISTRICT_ITEMS)} — the {len(VETOES)} vetoes ({codes(VETOES)}: `met` means "
            f"the case does not arise) and the precondition ({codes(PRECONDITIONS)}) among them — and one "
            f"row per assessed school for each of {codes(SCHOOL_ITEMS)}. An item without its row is "
            "`evidence_missing` and the district is not recognised; `youjun validate` warns (`W507`, one "
            "warning per district naming every item) when a district lacks any of its district rows. "
            f"作为工作表可以缺省，但评估认定离不开：每个区县须逐项各填一行（学校标识码留空）："
            f"{quoted(DISTRICT_ITEMS)}，其中一票否决事项 {len(VETOES)} 项（认定结论“达标”即经核查不存在该情形）"
            f"和申请条件{quoted(PRECONDITIONS)}；{quoted(SCHOOL_ITEMS)}每所参评学校各一行。"
            "缺少认定的项目按“缺少佐证材料”评估，该区县不予认定；youjun validate 对缺项的区县给出警告 W507。")


def _n(x: float | None) -> str:
    if x is None:
        return ""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


def write_all(docs: Path) -> None:
    (docs / "errors.md").write_text(errors_markdown(), encoding="utf-8")
    (docs / "data-contract.md").write_text(contract_markdown(), encoding="utf-8")


if __name__ == "__main__":
    write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
