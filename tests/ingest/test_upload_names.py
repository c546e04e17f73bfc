"""Uploaded file names are names, never paths (E119 for what cannot be made safe)."""

from __future__ import annotations

import pytest

from youjun.core.errors import YoujunError
from youjun.ingest.names import safe_upload_name


@pytest.mark.parametrize("given, kept", [
    ("../../etc/passwd.xlsx", "passwd.xlsx"),
    ("..\\..\\Windows\\win.xlsx", "win.xlsx"),
    ("C:\\Users\\统计员\\2025学年.xlsx", "2025学年.xlsx"),
    ("/etc/cron.d/x.xlsx", "x.xlsx"),
    ("区县数据.XLSX", "区县数据.XLSX"),
])
def test_only_the_last_component_is_kept(given: str, kept: str) -> None:
    assert safe_upload_name(given) == kept


@pytest.mark.parametrize("given, word", [
    ("../../etc/passwd", "文件类型不对"),
    ("../", "没有文件名"),
    (".xlsx", "没有文件名"),
    ("a\x00.xlsx", "控制字符"),
    ("data.xlsx\u202egpj.exe", "控制字符"),  # right-to-left override hides the real type
    ("x" * 200 + ".xlsx", "超过"),
])
def test_unusable_names_are_refused(given: str, word: str) -> None:
    with pytest.raises(YoujunError) as caught:
        safe_upload_name(given)
    p = caught.value.problems[0]
    assert p.code == "E119" and word in p.message("zh") and p.hint("en")
