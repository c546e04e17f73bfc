"""Errors of the rule sets (``rules/``), in the style of the problem catalogue.

Codes R1xx are proposed for ``youjun.core.errors.CATALOGUE``; until they move there they live
here, built from the same ``ErrorSpec`` so every shell can show them the same way.
"""

from __future__ import annotations

from typing import Any

from youjun.core.errors import ErrorSpec, Severity

E = Severity.ERROR

_SPECS = (
    ErrorSpec("R101", E, "找不到规则目录", "Rules directory not found",
              "找不到规则目录（已查找：{value}）", "No rules directory found (looked in: {value})",
              "请设置环境变量 YOUJUN_RULES_DIR 指向仓库的 rules/ 目录，或使用 --rules-dir。",
              "Set YOUJUN_RULES_DIR to the repository's rules/ directory, or pass --rules-dir."),
    ErrorSpec("R102", E, "找不到规则集", "Rule set not found",
              "找不到规则集“{value}”（可用：{expected}）", "Rule set '{value}' not found (available: {expected})",
              "运行 youjun rules list 查看可用的规则集。", "Run `youjun rules list` to see the rule sets."),
    ErrorSpec("R103", E, "规则文件无法读取", "Rule file cannot be read",
              "规则文件 {file} 无法读取：{detail}", "Rule file {file} cannot be read: {detail}",
              "请检查 YAML 语法（缩进、冒号、引号）。", "Check the YAML syntax (indentation, colons, quotes)."),
    ErrorSpec("R104", E, "规则缺少出处", "Rule without a reference",
              "规则文件 {file} 中 {path} 的取值没有出处（reference）",
              "Rule file {file}: the value of {path} has no reference",
              "每个取值都要注明文件名称、文号、条款和可信度（C/M/U），可写在文件顶层或该取值下。",
              "Give every value a reference (document, number, article, confidence C/M/U), "
              "at the top of the file or under the value."),
    ErrorSpec("R105", E, "出处不完整", "Incomplete reference",
              "规则文件 {file} 中 {path} 的出处缺少或写错了：{detail}",
              "Rule file {file}: the reference of {path} is missing or has a wrong {detail}",
              "出处须含 document、number、article，confidence 只能是 C、M 或 U。",
              "A reference needs document, number and article; confidence is C, M or U."),
    ErrorSpec("R106", E, "规则缺少说明", "Rule without a description",
              "规则文件 {file} 缺少中英文说明（description: zh/en）",
              "Rule file {file} lacks its description (description: zh/en)",
              "请写明 description.zh 与 description.en。", "Add description.zh and description.en."),
    ErrorSpec("R107", E, "生效日期无效", "Invalid effective date",
              "规则文件 {file} 中的生效日期“{value}”不是 ISO 日期",
              "Rule file {file}: effective date '{value}' is not an ISO date",
              "生效日期写作 2017-05-23 这样的格式。", "Write effective dates as 2017-05-23."),
    ErrorSpec("R108", E, "该日期无有效规则", "No rule in force on that date",
              "{as_of} 时 {path} 尚无有效取值（最早生效于 {expected}；文件 {file}）",
              "On {as_of} no value of {path} is in force (earliest {expected}; file {file})",
              "请选择不早于该规则生效日期的评估日期（--as-of），或换用适用的规则集。",
              "Choose an assessment date on or after the rule took effect (--as-of), or another rule set."),
    ErrorSpec("R109", E, "规则取值无效", "Invalid rule value",
              "规则文件 {file} 中 {path} 的取值无效：{detail}",
              "Rule file {file}: invalid value at {path}: {detail}",
              "请对照 docs/rules.md 核对该取值的类型与键名。",
              "Check the value's type and keys against docs/rules.md."),
    ErrorSpec("R110", E, "地方规则覆盖无效", "Invalid overlay",
              "地方覆盖文件 {file} 无效：{detail}", "Overlay {file} is invalid: {detail}",
              "覆盖文件的写法见 docs/rules.md“地方覆盖”。", "See 'Overlays' in docs/rules.md."),
    ErrorSpec("R111", E, "规则缺少必需取值", "Required rule missing",
              "规则集 {file} 缺少必需的取值 {path}", "Rule set {file} lacks the required value {path}",
              "请补上该规则文件，或检查评估日期。", "Add the rule file, or check the assessment date."),
    ErrorSpec("R112", E, "黄金测试用例无效", "Invalid golden case",
              "黄金测试文件 {file} 中的用例“{value}”无效：{detail}",
              "Golden test file {file}: case '{value}' is invalid: {detail}",
              "用例写法见 docs/rules.md“黄金测试”。", "See 'Golden tests' in docs/rules.md."),
)

RULE_ERRORS: dict[str, ErrorSpec] = {s.code: s for s in _SPECS}


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
