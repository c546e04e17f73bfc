"""The 佐证材料 (evidence) rows a district must supply for the assessment to recognise it.

Validation does not know the rule set (``youjun validate`` has no ``--rules``; the web upload,
the import and the partitioned batches validate the same way), so the rows it expects are
derived from the contract: every item of ``schema.EVIDENCE_ITEMS`` except the ones attested
school by school (``PER_SCHOOL``), which need a row per school instead. These are the
``evidence:`` keys of the rule set cn-2017 whose item is not ``per_school: true`` — the six
vetoes, the precondition and g1, g2, g8, g10, g15, q5, q7, q8 — and
``tests/ingest/test_required_evidence.py`` holds the two together, so a new evidence item in
either the schema or the rule set cannot be forgotten here.

Pure data over the schema: the validator (warning W507), the template's 填表说明 and the data
contract (``docs/data-contract.md``) all read it.
"""

from __future__ import annotations

from youjun.core.schema import EVIDENCE_ITEMS, Choice

# Attested school by school (rules/cn-2017/items/q3.yaml and q6.yaml: per_school: true).
PER_SCHOOL: tuple[str, ...] = ("q3", "q6")

DISTRICT_ITEMS: tuple[Choice, ...] = tuple(c for c in EVIDENCE_ITEMS if c.code not in PER_SCHOOL)
"""One row each per district (any 学校标识码 left empty), in the contract's order."""
SCHOOL_ITEMS: tuple[Choice, ...] = tuple(c for c in EVIDENCE_ITEMS if c.code in PER_SCHOOL)
"""One row each per school of the district (学校标识码 filled in)."""


def is_veto(code: str) -> bool:
    """一票否决事项: evidence 'met' (达标) means the case does not arise."""
    return code.startswith("veto_")


def is_precondition(code: str) -> bool:
    """申请条件 (the precondition of applying at all)."""
    return code.startswith("pre_")


VETOES: tuple[Choice, ...] = tuple(c for c in DISTRICT_ITEMS if is_veto(c.code))
PRECONDITIONS: tuple[Choice, ...] = tuple(c for c in DISTRICT_ITEMS if is_precondition(c.code))
OTHER_ITEMS: tuple[Choice, ...] = tuple(c for c in DISTRICT_ITEMS
                                        if not is_veto(c.code) and not is_precondition(c.code))


def in_quotes(text: str) -> str:
    """“text”, or ``text`` as it is when it quotes already: a choice is named as the drop-down
    list has it, for it is what the person picks or types (walk 42: the guide's “无‘有编不补’或…”
    was refused by the list's check in Excel), and never inside a second pair of the same marks
    (walk 40: “无“有编不补”或…” read as two quotations). The workbook accepts any quotation
    marks in a choice (``Field.choice_lookup``)."""
    return text if "“" in text else f"“{text}”"


def quoted(choices: tuple[Choice, ...] | list[Choice], lang: str = "zh") -> str:
    """“无以考试方式招生”、“无违规择校” / '无以考试方式招生' (No admission by examination), …: in
    English the choice as the drop-down list holds it (Chinese in either language), its English after."""
    if lang == "zh":
        return "、".join(in_quotes(c.zh) for c in choices)
    return ", ".join(f"'{c.zh}' ({c.en})" for c in choices)


def grouped(choices: tuple[Choice, ...] | list[Choice], lang: str = "zh") -> str:
    """The items by kind, vetoes first: 一票否决事项“…”、“…”；申请条件“…”；评估项目“…”."""
    codes = {c.code for c in choices}
    parts: list[str] = []
    for group, zh, en_one, en_many in ((VETOES, "一票否决事项", "veto", "vetoes"),
                                       (PRECONDITIONS, "申请条件", "precondition", "preconditions"),
                                       (OTHER_ITEMS, "评估项目", "item", "items")):
        mine = [c for c in group if c.code in codes]
        if not mine:
            continue
        if lang == "zh":
            parts.append(zh + quoted(mine))
        else:
            parts.append(f"{en_one if len(mine) == 1 else en_many} {quoted(mine, 'en')}")
    return ("；" if lang == "zh" else "; ").join(parts)
