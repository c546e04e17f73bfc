"""W507: a district without a 佐证材料 row for an item the assessment needs of the district as a
whole is told so before it is assessed — one warning per district, naming every item it lacks
by its Chinese label, and what row to add. The rows are the rule set's (cn-2017), a complete
district (the sample, the tiny district) has no such warning, and the column-at-a-time and
batch paths give the same warnings as the reference ones.

(The broken fixtures with the words each warning must contain are in
``tests/fixtures/broken/expected.yaml``: school_choice_not_attested, evidence_sheet_without_rows,
evidence_sheet_missing, school_choice_mistyped, school_choice_row_deleted.xlsx.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from youjun.cli.main import main
from youjun.core.errors import Problem
from youjun.core.evidence_rows import DISTRICT_ITEMS, PER_SCHOOL, PRECONDITIONS, SCHOOL_ITEMS, VETOES, in_quotes
from youjun.core.rules import load_ruleset
from youjun.core.schema import EVIDENCE_ITEMS
from youjun.ingest.batches import PartitionedFolder
from youjun.ingest.validate import ValidationResult, validate_path, validate_tables
from youjun.ingest.writers import GUIDE_EVIDENCE, GUIDE_SHEET, write_tables, write_template
from youjun.sample.district import generate_district
from youjun.sample.partitioned import write_partitioned

from .test_columnar_agreement import _assert_same, _both
from .tiny_district import D, tiny_district

LABEL = {c.code: c.zh for c in EVIDENCE_ITEMS}


def test_the_district_rows_are_what_the_rule_set_needs_of_a_district() -> None:
    """Validation knows no rule set: the rows it expects (the contract's items less the ones
    attested per school) are exactly cn-2017's evidence keys of items not ``per_school``."""
    params = load_ruleset("cn-2017")
    district: set[str] = set()
    per_school: set[str] = set()
    for figures in params.items.values():
        if isinstance(figures, dict):
            for code in figures.get("evidence", ()):
                (per_school if figures.get("per_school") else district).add(code)
    assert district == {c.code for c in DISTRICT_ITEMS}
    assert per_school == set(PER_SCHOOL) == {c.code for c in SCHOOL_ITEMS}
    assert district | per_school == {c.code for c in EVIDENCE_ITEMS}
    assert [c.code for c in VETOES] == list(params.items["vetoes"]["evidence"])
    assert len(VETOES) == 6 and "veto_school_choice" in {c.code for c in VETOES}
    assert [c.code for c in PRECONDITIONS] == list(params.items["pre_basic_balance"]["evidence"])


def _w507(result: ValidationResult) -> list[Problem]:
    return [p for p in result.problems if p.code == "W507"]


def test_a_complete_district_has_no_such_warning() -> None:
    assert not _w507(validate_tables(tiny_district()))
    assert not _w507(validate_tables(generate_district("S", 2023, scale=0.15)))


def _three_districts() -> dict[str, pd.DataFrame]:
    """The tiny district (complete), 500119 lacking two items — one of them attested with a
    school code, which counts, and its per-school rows absent, which W507 does not name — and
    500120 with no evidence at all."""
    tables = tiny_district()
    base = tables["districts"].iloc[0]
    tables["districts"] = pd.DataFrame([base, base.copy(), base.copy()]).reset_index(drop=True)
    tables["districts"].loc[1, ["district_code", "district_name"]] = ["500119", "大足区"]
    tables["districts"].loc[2, ["district_code", "district_name"]] = ["500120", "璧山区"]
    mine = tables["evidence"]
    other = mine[~mine["item_key"].isin(["veto_school_choice", "q7", *PER_SCHOOL])].copy()
    other["district_code"] = "500119"
    other.loc[other["item_key"] == "g1", "school_code"] = tables["schools"]["school_code"].iloc[0]
    other.loc[other["item_key"] == "q5", "status"] = "not_met"  # a finding, if not a happy one
    tables["evidence"] = pd.concat([mine, other], ignore_index=True)
    return tables


def test_one_warning_per_district_naming_every_item_it_lacks() -> None:
    result = validate_tables(_three_districts())
    assert result.ok, [p.message() for p in result.errors]
    found = {p.value: p for p in _w507(result)}
    assert sorted(found) == ["500119", "500120"]
    two = found["500119"]
    assert two.message("zh") == (
        "区县“大足区”（500119）的“佐证材料”表中缺少 2 项认定：一票否决事项“无违规择校”；"
        f"评估项目“{LABEL['q7']}”。一票否决事项须逐项认定；缺少认定的项目按“缺少佐证材料”评估，该区县不予认定")
    assert two.hint("zh") == ("请在“佐证材料”表中每项补一行：区县代码填 500119，评估项目依次选上述各项，"
                              "学校标识码留空，认定结论填“达标”（一票否决事项：经核查不存在该情形）或“未达标”，"
                              "并填写认定单位（人）和认定日期；附件编号、说明选填。")
    assert two.message("en").startswith(
        "District '大足区' (500119) has no row on sheet '佐证材料' (Evidence) for 2 items: veto '无违规择校' "
        f"(No school choice against the rules); item '{LABEL['q7']}' (Full curriculum and orderly teaching). "
        "Every veto needs a finding of its own.")
    none = found["500120"]
    text = none.message("zh")
    assert "缺少 15 项认定" in text
    for c in DISTRICT_ITEMS:  # every item by its label, never its code
        assert in_quotes(c.zh) in text and c.code not in text + none.hint("zh")
    for c in SCHOOL_ITEMS:
        assert c.zh not in text
    # (canonical frames: the header as given is the key, as for every problem of validate_tables)
    assert none.location.sheet == "佐证材料" and none.location.column == "item_key" and none.location.row is None


def test_a_district_without_a_veto_left_to_find_gets_no_veto_words() -> None:
    tables = tiny_district()
    tables["evidence"] = tables["evidence"][tables["evidence"]["item_key"] != "q8"]
    (p,) = _w507(validate_tables(tables))
    assert p.message("zh").startswith(
        f"区县“永川区”（{D}）的“佐证材料”表中缺少 1 项认定：评估项目“{LABEL['q8']}”。缺少认定")
    assert "一票否决" not in p.message("zh") + p.hint("zh") and "veto" not in p.message("en") + p.hint("en")
    assert p.hint("zh").startswith(  # one item: one row, not "每项"
        f"请在“佐证材料”表中补一行：区县代码填 {D}，评估项目选“{LABEL['q8']}”，"
        "学校标识码留空，认定结论填“达标”或“未达标”")
    # in English the headers and the choices as the Chinese workbook holds them, glossed (walk 43)
    assert p.hint("en").startswith(f"On sheet '佐证材料' (Evidence) add one row: '区县代码' (District code) {D}; "
                                   f"'评估项目' (Item) '{LABEL['q8']}' (")
    assert "'认定结论' (Finding) '达标' (Met) or '未达标' (Not met)" in p.hint("en")


def test_an_evidence_sheet_without_its_item_column_is_that_one_problem() -> None:
    tables = tiny_district()
    tables["evidence"] = tables["evidence"].drop(columns=["item_key"])
    result = validate_tables(tables)
    assert "E103" in [p.code for p in result.errors] and not _w507(result)


def test_the_column_paths_give_the_same_warnings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tables = _three_districts()
    _assert_same(*_both(lambda: validate_tables(tables), monkeypatch))
    write_tables(tables, tmp_path / "csv", "csv")
    write_tables(tables, tmp_path / "parquet", "parquet")
    for form in ("csv", "parquet"):
        fast, reference = _both(lambda form=form: validate_path(tmp_path / form), monkeypatch)
        _assert_same(fast, reference)
        assert sorted(p[2] for p in fast["problems"] if p[0] == "W507") == ["500119", "500120"]


def _said(problems: list[Problem]) -> list[tuple[str, str, str, str]]:
    return sorted((p.value, p.message("zh"), p.message("en"), p.hint("zh")) for p in problems if p.code == "W507")


def test_a_partitioned_folder_warns_the_same_whole_and_in_batches(tmp_path: Path) -> None:
    root = tmp_path / "nation"
    write_partitioned("M", root, n_districts=5, scale=0.05)
    codes = sorted(p.name.split("=")[1] for p in (root / "districts").iterdir())
    # one district without its 违规择校 row, one whose evidence partition is gone altogether
    part = root / "evidence" / f"district={codes[1]}" / "part-0.parquet"
    table = pq.read_table(part)
    pq.write_table(table.filter(pc.not_equal(table.column("item_key"), "veto_school_choice")), part)
    shutil.rmtree(root / "evidence" / f"district={codes[3]}")
    whole = _said(validate_path(root).problems)
    assert [w[0] for w in whole] == [codes[1], codes[3]]
    assert "缺少 1 项认定：一票否决事项“无违规择校”。" in whole[0][1] and "缺少 15 项认定" in whole[1][1]
    folder = PartitionedFolder(root)
    for size in (1, 2, 5):
        batched = _said([p for batch in folder.batches(size) for p in folder.validate(batch).problems])
        assert batched == whole, size
        reference = _said([p for batch in folder.batches(size) for p in folder._reference_validate(batch).problems])
        assert reference == whole, size


def test_validate_says_it_of_a_workbook_with_the_row_deleted(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The statistician's case: the same file said 校验通过 … 错误 0 个 with or without the row."""
    path = tmp_path / "S.xlsx"
    write_tables(tiny_district(), path, "xlsx")
    assert main(["validate", str(path)]) == 0
    assert "W507" not in capsys.readouterr().out
    book = openpyxl.load_workbook(path)
    ws = book["佐证材料"]
    ws.delete_rows(next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 2).value == "无违规择校"))
    book.save(path)
    assert main(["validate", str(path)]) == 0  # a warning: the file still imports
    out = capsys.readouterr().out
    assert "[W507 警告] 工作表“佐证材料”的“评估项目”列：区县“永川区”（500118）的“佐证材料”表中缺少 1 项认定：" \
           "一票否决事项“无违规择校”。" in out, out
    # walk 38: the verdict line said 校验通过 as for a complete workbook; it says what the warning means
    assert "错误 0 个，警告 1 个（其中 1 个缺少认定所需的佐证材料，补齐前不予认定）。" in out
    # walk 41: "校验通过" alone still read as all clear
    assert "校验通过（数据可以导入，但该区县尚不能认定）：" in out


def test_cut_short_the_listing_shows_the_errors_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Walk 41: with --max-lines 3 the one error was hidden behind three warnings."""
    tables = tiny_district()
    tables["evidence"] = tables["evidence"].iloc[0:0]  # W507, listed first (a file-level problem)
    teachers = tables["teachers"].astype({"school_code": object})
    teachers.loc[teachers.index[-1], "school_code"] = "5009999999"  # an error, on a later sheet
    tables["teachers"] = teachers
    path = tmp_path / "d.xlsx"
    write_tables(tables, path, "xlsx")
    assert main(["validate", str(path)]) == 1
    full = [line for line in capsys.readouterr().out.splitlines() if line.startswith("[")]
    assert full[0].startswith("[W507") and any("错误]" in line for line in full[1:]), full
    assert main(["validate", str(path), "--max-lines", "1"]) == 1
    cut = [line for line in capsys.readouterr().out.splitlines() if line.startswith("[")]
    assert len(cut) == 1 and "错误]" in cut[0], cut


def test_the_guide_says_the_evidence_rows_are_needed(tmp_path: Path) -> None:
    """填表说明 of the blank template (and of every workbook written, the sample's too): 佐证材料
    is not 选填; the rows needed for recognition are named, the six vetoes and the precondition
    among them, and the per-school ones as such."""
    for path, tables in ((tmp_path / "blank.xlsx", None), (tmp_path / "filled.xlsx", tiny_district())):
        if tables is None:
            write_template(path, "xlsx")
        else:
            write_tables(tables, path, "xlsx")
        ws = openpyxl.load_workbook(path)[GUIDE_SHEET]
        rows = [[str(v or "") for v in r] for r in ws.iter_rows(values_only=True)]
        line = next(r for r in rows if r[0] == "佐证材料")
        assert "选填" not in line[2] and line[2].startswith("必填"), line
        first = next(i for i, r in enumerate(rows) if r[0].startswith("“佐证材料”不是选填"))
        guide = ["".join(r[0] for r in rows[first:first + 4]), " ".join(r[1] for r in rows[first:first + 4])]
        # walk 41: one line each, none of them a 300-character sentence; the date's form said
        lines = [line for r in rows[first:first + 4] for line in r[0].splitlines()]
        assert all(len(line) < 160 for line in lines) and "2025-12-12" in guide[0], lines
        for c in DISTRICT_ITEMS:
            assert in_quotes(c.zh) in guide[0] and f"'{c.zh}' ({c.en})" in guide[1]  # as the list holds it
        assert "一票否决事项" + "、".join(in_quotes(c.zh) for c in VETOES) in guide[0]
        assert "申请条件“通过基本均衡认定满三年”" in guide[0] and "不予认定" in guide[0]
        assert "逐校认定" in guide[0] and all(c.zh in guide[0] for c in SCHOOL_ITEMS)
        assert "not optional" in guide[1] and "not recognised" in guide[1]


def test_a_choice_that_quotes_is_named_as_the_list_has_it_never_quoted_twice() -> None:
    """填表说明 and W507: “无“有编不补”或长期聘用编外教师” read as two quotations (walk 40), and
    “无‘有编不补’或…” was not what the drop-down list lets one pick (walk 42)."""
    staffing = next(c for c in DISTRICT_ITEMS if c.code == "veto_staffing")
    assert "“有编不补”" in staffing.zh  # the document's own words quote it
    assert in_quotes(staffing.zh) == staffing.zh == "无“有编不补”或长期聘用编外教师"
    assert staffing.zh in GUIDE_EVIDENCE[1][0]  # the list's own spelling, to pick or to type
    tables = tiny_district()
    tables["evidence"] = tables["evidence"].iloc[0:0]
    (w507,) = _w507(validate_tables(tables))
    for text in (*(zh for zh, _en in GUIDE_EVIDENCE), w507.message("zh"), w507.hint("zh")):
        depth = 0
        for ch in text:  # a quotation is never opened inside another
            depth += {"“": 1, "”": -1}.get(ch, 0)
            assert depth in (0, 1), text


@pytest.mark.parametrize("typed", ["无‘有编不补’或长期聘用编外教师", '无"有编不补"或长期聘用编外教师',
                                   "无有编不补或长期聘用编外教师"])
def test_the_choice_is_accepted_as_the_guide_quotes_it_or_with_any_quotation_marks(typed: str) -> None:
    """Walk 41: typed as 填表说明 spells it (single quotes inside), the choice was refused (E205)
    and the veto then reported missing (W507)."""
    tables = tiny_district()
    evidence = tables["evidence"].astype({"item_key": object})
    evidence.loc[evidence["item_key"] == "veto_staffing", "item_key"] = typed
    tables["evidence"] = evidence
    result = validate_tables(tables)
    assert [p.code for p in result.problems if p.code in ("E205", "W507")] == []
    assert "veto_staffing" in set(result.tables["evidence"]["item_key"])
