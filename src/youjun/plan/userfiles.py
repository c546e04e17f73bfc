"""Files a person names on the command line (options, costs, births, scenarios, ID lists):
read as the person saved them, or refused with a catalogued problem (E861–E863).

People save these files from Notepad, WPS or Excel: UTF-8 with or without a BOM, GBK/GB18030
("ANSI" on a Chinese Windows) or UTF-16 ("Unicode 文本"). All are accepted; anything else is
E862, never a UnicodeDecodeError.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from youjun.core.errors import Location, YoujunError, problem

# what -> (zh, en) names of the kinds of file, for the messages
KINDS = {
    "options": ("规划假设", "Planning options"), "costs": ("单位造价", "Unit cost"),
    "births": ("出生人口", "Births"), "scenario": ("情景", "Scenario"),
    "list": ("编号清单", "ID list"), "rotation_plan": ("交流轮岗方案", "Rotation plan"),
    "bundle": ("方案包", "Plan bundle"), "overlay": ("规则覆盖", "Overlay"),
}


def _kind(what: str) -> tuple[str, str]:
    return KINDS.get(what, ("", what.capitalize() or "The"))


def missing(path: str | Path, what: str, looked_in: list[Path] | None = None) -> YoujunError:
    """E863 for ``path``, saying where it was looked for (by default its absolute folder)."""
    zh, en = _kind(what)
    where = "；".join(str(p) for p in looked_in) if looked_in else str(Path(path).absolute().parent)
    return YoujunError([problem("E863", Location(file=str(path)), str(path), file=str(path), what=zh,
                                what_en=en, detail=where)])


def read_user_text(path: str | Path, what: str) -> str:
    """The text of a file a person named, in whichever of the usual encodings it was saved."""
    from youjun.ingest.readers import decode_text

    p = Path(path)
    if not p.is_file():
        raise missing(path, what)
    text = decode_text(p.read_bytes())
    if text is None:
        raise YoujunError([problem("E862", Location(file=str(path)), str(path), file=str(path))])
    return text


def parse_user_yaml(text: str, path: str | Path) -> Any:
    """YAML (or JSON, a subset of it) from a person's file; E861 with line and column if it is
    not well formed."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        row = mark.line + 1 if mark is not None else 1
        col = mark.column + 1 if mark is not None else 1
        reason = str(getattr(exc, "problem", None) or exc).strip()
        detail = _yaml_reason_zh(reason)
        raise YoujunError([problem("E861", Location(file=str(path), row=row), reason, file=str(path),
                                   row=row, col=col, detail=detail)]) from exc


def read_user_yaml(path: str | Path, what: str) -> Any:
    return parse_user_yaml(read_user_text(path, what), path)


_YAML_REASONS = {
    "expected ',' or ']'": "方括号 [ ] 没有闭合，或列表项之间少了逗号",
    "expected ',' or '}'": "花括号 { } 没有闭合，或项之间少了逗号",
    "found character '\\t' that cannot start any token": "用了 Tab 缩进（YAML 只能用空格缩进）",
    "mapping values are not allowed here": "此处不能有冒号（冒号后要留空格，或把含冒号的文字加引号）",
    "could not find expected ':'": "缺少冒号",
    "found unexpected end of stream": "文件在引号或括号闭合之前结束",
    "expected <block end>, but found": "缩进不一致",
}


def _yaml_reason_zh(reason: str) -> str:
    for english, chinese in _YAML_REASONS.items():
        if english in reason:
            return f"{chinese}（{reason}）"
    return reason
