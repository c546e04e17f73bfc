"""An article of an official document, as the rule files cite it, said in the reader's language.

The rule files store ``reference.article`` in Chinese, as the document words it: a section name,
then item numbers, then a note in brackets — "政府保障程度 第11项", "资源配置 第4、5项",
"资源配置 第6项（生均教学仪器设备值，元）", "附件1 第3项", "第二条（评估范围）". An English
report says the same structure in English ("Government guarantee, item 11", "Resource allocation,
items 4 and 5"); the document's title and number stay as cited (they are names a reader looks up).

``article_text(article, lang)`` says one article; ``citation_text(text, lang)`` says a whole
citation ("教督〔2017〕6号 政府保障程度 第11项（U）"): the pieces it knows are translated, the
rest (the document number) is kept as it is. Chinese is returned unchanged.

Pure: the standard library and ``youjun.core`` only.
"""

from __future__ import annotations

import re

from youjun.core.labels import INDICATOR_LABELS, ITEM_LABELS, count_unit

# The parts of the documents the rule files cite (cn-2012, cn-2017): section and sub-section
# names and the words of their bracketed notes. Names of indicators and items come from
# youjun.core.labels (the same words the reports use), not from here.
_TERMS: dict[str, str] = {
    "政府保障程度": "Government guarantee",
    "教育质量": "Education quality",
    "资源配置": "Resource allocation",
    "社会认可度": "Social recognition",
    "评估认定": "Assessment decision",
    "评估认定标准": "Assessment criteria",
    "评估指标": "Assessment indicators",
    "评估对象与范围": "Scope of the assessment",
    "评估范围": "scope of the assessment",
    "申请条件": "Conditions for applying",
    "全文": "Whole document",
    "说明": "notes",
    "差异系数公布值": "Published coefficients of variation",
    "公众满意度调查": "Public satisfaction survey",
    "一票否决情形": "veto cases",
    "每所学校达标要求": "standard for every school",
    "校际均衡": "balance between schools",
    "差异系数": "coefficient of variation",
    "综合差异系数": "composite coefficient of variation",
    "高于规定学历": "above the required qualification",
    "县级以上骨干教师": "key teachers of county level or above",
    "九年一贯制学校、完全中学、十二年一贯制学校的计算":
        "Calculation for nine-year schools, complete middle schools and twelve-year schools",
}
# Whole articles cited by the evaluation rules (the fitness standard 教体艺〔2014〕5号, the
# comprehensive-quality opinion 教基二〔2014〕11号, the screening norm), said as a whole.
_WHOLE: dict[str, str] = {
    "以“七联七化”党建共同体助力教育优质均衡发展":
        "The “seven joint, seven -isations” party community helping balanced, high-quality education",
    "党组织会议和校长办公会议的议事范围（“三重一大”事项由党组织集体研究决定）":
        "What the party organisation's meeting and the principal's meeting decide (the “three majors and "
        "one large” items are decided collectively by the party organisation)",
    "基本标准：中等职业学校初级、中级、高级“双师型”教师":
        "Basic standards: junior, intermediate and senior double-qualified teachers of secondary vocational schools",
    "二、评价内容": "Part 2, what is evaluated",
    "全文及附件": "Whole document and annexes",
    "加分指标评分表": "Scoring table of the bonus items",
    "单项指标与权重": "Single items and their weights",
    "第二部分 测试项目及权重；附件 评分表": "Part 2, test items and weights; Annex, scoring tables",
    "视力不良判定（6岁以上儿童青少年裸眼远视力低于5.0）":
        "Poor vision (naked distance vision below 5.0 in children and adolescents over 6)",
    "评分与评定等级": "Scoring and levels",
    # the workforce rules (issue 14): the training opinion 教师〔2011〕1号 with G9, and the report
    # naming Xuanhua Middle School's four growth stages
    "二（实行每五年一周期不少于360学时的教师全员培训制度）；第二章 政府保障程度 第9项":
        "Part 2 (every teacher trained at least 360 hours in each five-year cycle); "
        "Chapter 2, Government guarantee, item 9",
    "四个阶段：入格、合格、升格、风格": "The four stages: entering, qualified, advancing, own style",
    "评分与评定等级；实施办法": "Scoring and levels; implementation",
    "附件 1分钟仰卧起坐单项评分表": "Annex, 1-minute sit-up scoring table",
    "附件 1分钟跳绳单项评分表": "Annex, 1-minute rope skipping scoring table",
    "附件 50米×8往返跑单项评分表": "Annex, 50 m × 8 shuttle run scoring table",
    "附件 50米跑单项评分表": "Annex, 50 m run scoring table",
    "附件 体重指数（BMI）单项评分表": "Annex, body mass index (BMI) scoring table",
    "附件 初中单项评分表（100分一行）": "Annex, junior single-item scoring tables (the 100-point row)",
    "附件 单项评分表": "Annex, single-item scoring tables",
    "附件 坐位体前屈单项评分表": "Annex, sit-and-reach scoring table",
    "附件 肺活量单项评分表": "Annex, vital capacity scoring table",
}
# Confidence marks a citation may end with (C confirmed, M matches, U unconfirmed): kept as is.
_CONFIDENCE = frozenset({"C", "M", "U"})
_ZH_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_PIECE = re.compile(
    r"(?P<article>第(?P<art>[0-9一二三四五六七八九十]+)条)"
    r"|(?P<items>第(?P<nums>\d+(?:[、,，]\d+)*)项)"
    r"|(?P<annex>附件(?P<annex_n>\d*))"
    r"|(?P<title>《[^》]*》)"
    r"|(?P<note>（(?P<note_text>[^（）]*(?:（[^（）]*）[^（）]*)*)）)"
    r"|(?P<space>\s+)"
    r"|(?P<word>[^\s（）第《附]+|第|附)"
)


def _zh_number(text: str) -> str:
    """'二' → '2', '十二' → '12', '12' → '12'."""
    if text.isdigit():
        return text
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return str(_ZH_DIGITS.get(text, text))
    return str((_ZH_DIGITS.get(tens, 1) if tens else 1) * 10 + _ZH_DIGITS.get(ones, 0))


def _terms() -> dict[str, str]:
    """Every name the citations may hold: the documents' words, then the indicators' and
    items' names and units as the reports say them."""
    out: dict[str, str] = {}
    for key, (zh, en, unit_zh, unit_en) in INDICATOR_LABELS.items():
        out[zh] = en
        out.setdefault(unit_zh, unit_en)  # the rate ("元/生") and the plain unit ("元")
        plain = count_unit(key)
        out.setdefault(plain.zh, plain.en)
    for zh, en in ITEM_LABELS.values():
        out.setdefault(zh, en)
    return out | _TERMS


_ALL_TERMS = _terms()


def _term(text: str) -> str | None:
    """A known name, or a note made of known names ("生均教学仪器设备值，元"); None if unknown."""
    if text in _ALL_TERMS:
        return _ALL_TERMS[text]
    m = re.fullmatch(r"(.+?)（(.+)）", text)  # "校际均衡（差异系数）"
    if m and m.group(1) in _ALL_TERMS and m.group(2) in _ALL_TERMS:
        return f"{_ALL_TERMS[m.group(1)]} ({_ALL_TERMS[m.group(2)]})"
    parts = re.split(r"[，,]", text)
    if len(parts) > 1 and all(p.strip() in _ALL_TERMS for p in parts):
        return ", ".join(_ALL_TERMS[p.strip()] for p in parts)
    return None


def _items(nums: str) -> str:
    numbers = re.split(r"[、,，]", nums)
    if len(numbers) == 1:
        return f"item {numbers[0]}"
    return f"items {', '.join(numbers[:-1])} and {numbers[-1]}"


def citation_text(text: str, lang: str) -> str:
    """A citation (document number, article, confidence mark) in ``lang``: in English every
    article piece the documents use is translated, a name it does not know is kept as cited."""
    if lang == "zh" or not text:
        return text
    if text in _WHOLE:
        return _WHOLE[text]
    out: list[str] = []  # pieces, each joined to the one before by a space or a comma
    glued_to_name = False  # the piece before is a name kept as cited, with no space after it
    spaced = True  # whitespace came before this piece in the citation
    for m in _PIECE.finditer(text):
        kind = m.lastgroup
        after_name, glued_to_name = glued_to_name, False
        before_spaced, spaced = spaced, kind == "space"
        if kind == "space":
            continue
        if kind == "article":
            piece, sep = f"Article {_zh_number(m.group('art'))}", " "
        elif kind == "items":
            piece, sep = _items(m.group("nums")), ", "
        elif kind == "annex":
            piece, sep = f"Annex {m.group('annex_n')}".strip(), " "
        elif kind == "title":  # a document's title, as cited
            piece, sep, glued_to_name = m.group(0), " ", True
        elif kind == "note" and after_name:
            out[-1] += m.group(0)  # "教督〔2017〕6号（评估认定公布口径）": part of a cited name
            continue
        elif kind == "note":
            inner = m.group("note_text")
            word = inner if inner in _CONFIDENCE else _term(inner)
            piece, sep = f"({word if word is not None else inner})", " "
        else:
            word = m.group(0)
            known = _term(word)
            # a sub-section after a section reads "Assessment decision: veto cases"
            piece = known if known is not None else word
            glued_to_name = known is None
            # a name kept as cited is joined as it was ("…（确认）；其余…")
            joined = " " if before_spaced else ""
            sep = joined if known is None else ": " if known[:1].islower() else " "
        out.append(piece if not out else sep + piece)
    return "".join(out)


def article_text(article: str, lang: str) -> str:
    """One ``reference.article`` of the rule files in ``lang`` ("政府保障程度 第11项" →
    "Government guarantee, item 11")."""
    return citation_text(article, lang)
