"""`youjun sample`: formats, the bilingual report, and refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from youjun.cli.main import main
from youjun.ingest.validate import validate_path
from youjun.sample import partition_path


def test_help_is_bilingual(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["sample", "--help"])
    out = capsys.readouterr().out
    assert "生成可复现的示例数据" in out and "Generate reproducible sample data" in out


def test_s_as_workbook_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "district-S.xlsx"
    assert main(["sample", "S", "--seed", "3", "--scale", "0.2", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.index("已生成") < printed.index("Wrote sample data")
    assert "所学校" in printed and "pupils" in printed
    result = validate_path(out)
    assert result.ok, [p.to_dict() for p in result.errors][:5]


def test_l_as_partitioned_parquet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["sample", "L", "--districts", "2", "--scale", "0.03", "--out", str(tmp_path)])
    assert code == 0
    assert partition_path(tmp_path, "evidence", "110102").is_file()
    assert "2 个区县" in capsys.readouterr().out


def test_m_refuses_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sample", "M", "--out", str(tmp_path / "m.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "Parquet" in err and "error" in err
