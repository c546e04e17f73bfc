"""The fonts the report names, and a check that a CJK one is really installed.

WeasyPrint silently draws boxes (tofu) for Chinese when fontconfig has no CJK font, so the
PDF renderer refuses to run without one. ``scripts/install-system-deps.sh`` installs
WenQuanYi Zen Hei (Debian fonts-wqy-zenhei, 16 MB): it renders every label correctly and is
a fifth of Noto Sans CJK (fonts-noto-cjk, 89 MB), which is the fallback where WenQuanYi is
absent. The installed one is named first so that every machine prints the same PDF.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache

# Named explicitly: a generic "sans-serif" may resolve to a font without Chinese glyphs.
CJK_FAMILIES = ("WenQuanYi Zen Hei", "Noto Sans CJK SC")
FONT_STACK = ", ".join(f'"{f}"' for f in CJK_FAMILIES) + ", sans-serif"
INSTALL_HINT = ("no CJK font is installed, Chinese would print as boxes: run "
                "scripts/install-system-deps.sh (Debian fonts-wqy-zenhei or fonts-noto-cjk)")


@lru_cache(maxsize=1)
def installed_cjk_families() -> tuple[str, ...]:
    """The families of ``CJK_FAMILIES`` that fontconfig knows; () when it knows none.

    Without ``fc-list`` (no fontconfig: WeasyPrint cannot run either) it returns the full
    list and leaves the error to WeasyPrint.
    """
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return CJK_FAMILIES
    listed = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True,
                            check=False).stdout
    names = {name.strip() for line in listed.splitlines() for name in line.split(",")}
    return tuple(f for f in CJK_FAMILIES if f in names)


class MissingFontError(RuntimeError):
    """The machine has no CJK font the report names."""


def require_cjk_font() -> None:
    if not installed_cjk_families():
        raise MissingFontError(INSTALL_HINT)
