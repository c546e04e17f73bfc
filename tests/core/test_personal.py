"""Resident IDs and phone numbers are found in any spelling inside any text, and masked
(issue 9, finding 11); the contract's own codes, years and amounts are never flagged."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from youjun.core.personal import PROVINCES, find_personal, has_personal, mask_personal_text

WIDE = str.maketrans("0123456789", "０１２３４５６７８９")
NARROW = str.maketrans("０１２３４５６７８９", "0123456789")
digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


def n_digits(n: int) -> st.SearchStrategy[str]:
    return st.text(alphabet="0123456789", min_size=n, max_size=n)


@st.composite
def resident_ids(draw: st.DrawFn) -> tuple[str, str]:
    """(how it is written, its digits)."""
    region = draw(st.sampled_from(sorted(PROVINCES))) + draw(n_digits(4))
    born = draw(st.dates(min_value=__import__("datetime").date(1930, 1, 1),
                         max_value=__import__("datetime").date(2018, 12, 31)))
    if draw(st.booleans()):
        raw = region + born.strftime("%Y%m%d") + draw(n_digits(3)) + draw(st.sampled_from(list("0123456789Xx")))
        cuts = draw(st.sampled_from([(), (6, 14), (6, 10, 14), (3, 6, 10, 14)]))
    else:  # the old 15-digit ID: issued to people born in the 1900s (its yy is 19yy, so 000229 is no date)
        born = draw(st.dates(min_value=__import__("datetime").date(1930, 1, 1),
                             max_value=__import__("datetime").date(1999, 12, 31)))
        raw = region + born.strftime("%y%m%d") + draw(n_digits(3))
        cuts = draw(st.sampled_from([(), (6, 12)]))
    return _written(draw, raw, cuts), raw


@st.composite
def phones(draw: st.DrawFn) -> tuple[str, str]:
    if draw(st.booleans()):
        raw = "1" + draw(st.sampled_from("3456789")) + draw(n_digits(9))
        body = draw(st.sampled_from([raw, f"{raw[:3]} {raw[3:7]} {raw[7:]}", f"{raw[:3]}-{raw[3:7]}-{raw[7:]}",
                                     f"{raw[:3]}-{raw[3:]}", f"{raw[:7]} {raw[7:]}"]))
        prefix = draw(st.sampled_from(["", "+86 ", "86-", "(+86)", "+86", "0086 ", "T", "电话", "手机："]))
        written = prefix + body
    else:
        area = draw(st.sampled_from(["010", "021", "023", "0571", "0851", "0736"]))
        local = draw(st.sampled_from("2345678")) + draw(n_digits(7 if len(area) == 3 else 6))
        raw = area + local
        written = draw(st.sampled_from([f"{area}-{local}", f"({area}){local}", f"{area} {local}",
                                        f"（{area}）{local}", f"{area}-{local[:4]}-{local[4:]}"]))
    if draw(st.booleans()):
        written = written.translate(WIDE)
    return written, raw


def _written(draw: st.DrawFn, raw: str, cuts: tuple[int, ...]) -> str:
    sep = draw(st.sampled_from([" ", "-", "－", " - "]))
    parts, last = [], 0
    for c in (*cuts, len(raw)):
        parts.append(raw[last:c])
        last = c
    text = sep.join(parts)
    return text.translate(WIDE) if draw(st.booleans()) else text


# Chinese words and Latin letters around the number, never digits.
WORDS = "教育局学校班级乡镇街道数据来源附件编号联系人说明，。：的了和在FJTabc "
chinese = st.text(alphabet=st.sampled_from(list(WORDS)), max_size=12)


def plain_digits(text: str) -> str:
    return re.sub(r"[\s\-－.()（）+]", "", text.translate(NARROW))


def longest_digit_run(text: str) -> int:
    return max((len(m) for m in re.findall(r"\d+", plain_digits(text))), default=0)


def keeps_seven_of(masked: str, raw: str) -> bool:
    """Whether seven consecutive digits of ``raw`` survive in ``masked`` (separators ignored)."""
    plain = plain_digits(masked)
    return any(raw[i:i + 7] in plain for i in range(len(raw) - 6))


@settings(max_examples=300, deadline=None)
@given(before=chinese, after=chinese, found=st.one_of(resident_ids(), phones()))
def test_ids_and_phones_are_found_and_masked_anywhere(before: str, after: str, found: tuple[str, str]) -> None:
    written, raw = found
    text = before + written + after
    assert has_personal(text), text
    masked = mask_personal_text(text)
    assert len(masked) == len(text), "the shape is kept"
    assert not keeps_seven_of(masked, raw), f"{text!r} -> {masked!r}"
    assert not has_personal(masked), "masked text is not flagged again"
    assert masked.startswith(before) and masked.endswith(after)


@pytest.mark.parametrize("text", [
    "+86 138 1234 5679", "86-138-1234-5678", "138 1234 5678", "138-1234-5678", "T138-1234-5678",
    "(+86)13812345678", "１３８１２３４５６７８", "023-12345678", "FJ110101199003071234",
    "11010119900307123X", "110101 19900307 1234", "110101900307123", "联系电话：13812345678。",
])
def test_the_probes_spellings_are_found(text: str) -> None:
    assert has_personal(text)
    assert longest_digit_run(mask_personal_text(text)) < 7


def test_masking_keeps_head_and_tail() -> None:
    assert mask_personal_text("+86 138 1234 5679") == "+86 138 **** 5679"
    assert mask_personal_text("FJ110101199003071234") == "FJ110***********1234"
    assert mask_personal_text("023-12345678") == "023-****5678"
    assert [f.kind for f in find_personal("甲13812345678乙110101199003071234")] == ["mobile", "id"]


NEGATIVE = [
    "500118", "5001180001", "500118 5001180001", "5001180001、5001180002", "2025-2026", "2025",
    "2025-09-01", "20250901", "2025年9月1日", "1,234,567.89", "12345678.50", "1381234567.8",
    "T000123", "1班", "music-1", "永川区第一中学", "渝教督〔2017〕6号", "FJ-2025-0001", "附件2025001",
    "12345678901", "00000000000", "110101201399990000", "990101199003071234", "5001180001 1",
    "", "第 3 页 共 12 页", "5001180001-12345", "5001180001 00112345", "5001180001-123",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_the_contracts_own_codes_are_not_personal(text: str) -> None:
    assert not has_personal(text), find_personal(text)
    assert mask_personal_text(text) == text


@settings(max_examples=200, deadline=None)
@given(value=st.one_of(
    n_digits(6), n_digits(10),  # district codes, school identifiers
    st.integers(1949, 2100).map(lambda y: f"{y}-{y + 1}"),  # school years
    st.dates().map(lambda d: d.isoformat()),
    st.floats(0, 1e11, allow_nan=False).map(lambda x: f"{x:,.2f}"),  # amounts as shown
    st.integers(0, 10 ** 8).map(str),  # counts and amounts up to 100 million
), before=chinese, after=chinese)
def test_codes_years_and_amounts_are_never_flagged(value: str, before: str, after: str) -> None:
    text = f"{before}，{value}，{after}"
    assert not has_personal(text), text
