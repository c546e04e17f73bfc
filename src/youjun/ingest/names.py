"""The name a person gave an uploaded file, made safe to show and to store under.

Browsers send a bare name, but a client can send anything: ``../../etc/passwd.xlsx``, a
Windows path, control characters. Only the last path component is kept (a name is never a
path), and a name that is still unusable is refused with E119.
"""

from __future__ import annotations

import unicodedata

from youjun.core.errors import Location, YoujunError, problem

MAX_NAME_CHARS = 120


def safe_upload_name(given: str, suffixes: tuple[str, ...] = (".xlsx",)) -> str:
    """The file's own name without any directory part; YoujunError(E119) if none is left,
    it hides its type, holds control characters or has a suffix outside ``suffixes``."""
    name = unicodedata.normalize("NFC", given).replace("\\", "/").rsplit("/", 1)[-1].strip()

    def refuse(zh: str, en: str) -> YoujunError:
        return YoujunError([problem("E119", Location(file=name[:MAX_NAME_CHARS]), given[:MAX_NAME_CHARS],
                                    detail_zh=zh, detail_en=en)])

    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in name):
        raise refuse("含有控制字符", "it holds control characters")
    if not name or name.startswith(".") or name in ("..", "."):
        raise refuse("没有文件名", "there is no file name")
    if len(name) > MAX_NAME_CHARS:
        raise refuse(f"超过 {MAX_NAME_CHARS} 个字符", f"longer than {MAX_NAME_CHARS} characters")
    if not name.lower().endswith(suffixes):
        raise refuse("文件类型不对，应为 " + "、".join(suffixes), "wrong type, expected " + ", ".join(suffixes))
    return name


__all__ = ["safe_upload_name"]
