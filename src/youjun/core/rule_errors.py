"""Errors of the rule sets (``rules/``), in the style of the problem catalogue.

The R1xx codes are entries of ``youjun.core.errors.CATALOGUE``, so every shell shows them
the same way as the data problems.
"""

from __future__ import annotations

from typing import Any

from youjun.core.errors import CATALOGUE, ErrorSpec

# The R1xx codes live in the one catalogue with every other problem.
RULE_ERRORS: dict[str, ErrorSpec] = {code: spec for code, spec in CATALOGUE.items() if code.startswith("R")}


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


class RulesError(Exception):
    """A rule set cannot be loaded or used; carries a bilingual message naming the file."""

    def __init__(self, code: str, **context: Any):
        self.code = code
        self.spec = RULE_ERRORS[code]
        self.context = {k: ("" if v is None else str(v)) for k, v in context.items()}
        super().__init__(f"[{code}] {self.message('zh')} / {self.message('en')}")

    def message(self, lang: str = "zh") -> str:
        template = self.spec.message_zh if lang == "zh" else self.spec.message_en
        return template.format_map(_Blank(self.context))

    def hint(self, lang: str = "zh") -> str:
        return self.spec.hint_zh if lang == "zh" else self.spec.hint_en

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": str(self.spec.severity),
            "file": self.context.get("file", ""),
            "message": {"zh": self.message("zh"), "en": self.message("en")},
            "hint": {"zh": self.hint("zh"), "en": self.hint("en")},
        }
