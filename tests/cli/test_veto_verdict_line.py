"""Walk 40: `youjun assess`'s verdict line said "15 项要求未满足，共 356 处" for a district refused
for want of one veto's attestation, without saying so; it now names the veto (the same file
with the row says nothing of vetoes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.tiny_district import tiny_district
from youjun.cli.main import main
from youjun.ingest.writers import write_tables


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_verdict_line_names_a_veto_not_attested(tmp_path: Path, lang: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    tables = tiny_district()
    whole, without = tmp_path / "whole.xlsx", tmp_path / "without.xlsx"
    write_tables(tables, whole, "xlsx")
    evidence = tables["evidence"]
    tables["evidence"] = evidence[evidence["item_key"] != "veto_school_choice"].reset_index(drop=True)
    write_tables(tables, without, "xlsx")
    main(["assess", str(whole), "--out", str(tmp_path / "a"), "--formats", "json", "--lang", lang])
    said = capsys.readouterr().out
    assert "一票否决" not in said and "veto" not in said
    main(["assess", str(without), "--out", str(tmp_path / "b"), "--formats", "json", "--lang", lang])
    said = capsys.readouterr().out
    expected = ("其中一票否决事项“违规择校”缺少认定，不予认定；报告：" if lang == "zh"
                else "among them the veto 'School choice against the rules' not attested: not recognised; report:")
    assert expected in said, said
