"""Personal data in free text: mainland resident IDs and phone numbers, found and masked.

Found in any common spelling: ``110101199003071234``, ``11010119900307123X``, the old
15-digit ID, ``110101 19900307 1234``, ``+86 138 1234 5679``, ``86-138-1234-5678``,
``(+86)13812345678``, ``T138-1234-5678``, ``023-12345678``, ``(023)1234 5678``, and the same
in full-width digits, anywhere inside longer text (``FJ110101199003071234``).

How: the text is cut into runs of digit groups joined by one separator (space, dash, dot,
bracket); a window of whole groups is personal data when its digits form

- an 18-digit ID (17 digits and a digit or X) or a 15-digit ID, with a real province code
  and a real birth date (no checksum: a typo'd ID is still personal data);
- a mobile number ``1[3-9]`` + 9 digits, optionally after a ``86``/``0086`` country code;
- a landline with its area code (``010``/``02x`` + 8 digits, ``0xxx`` + 7–8 digits).

A window is made of whole groups, and a group is a whole digit run, so the contract's own
codes (6-digit district codes, 10-digit school identifiers, years, amounts, dates) are
never cut out of a longer number; multi-group phones need groups of 3 digits or more and
multi-group IDs a first group of at most 6 (the region code), so that a school identifier
followed by a serial number is neither.

Masking keeps the shape (separators, letters, length) and the first three and last four
digits; every other digit becomes ``*``, so no run of more than four original digits stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Full-width digits, letters X/x and separators map one to one onto ASCII, so positions in
# the normalised text are positions in the original.
_WIDE = {0xFF10 + i: 0x30 + i for i in range(10)}
_WIDE.update({0xFF38: ord("X"), 0xFF58: ord("x"), 0xFF0B: ord("+"), 0xFF0D: ord("-"), 0xFF0E: ord("."),
              0xFF08: ord("("), 0xFF09: ord(")"), 0x3000: ord(" "), 0x2212: ord("-")})
for _dash in range(0x2010, 0x2016):  # hyphens and dashes
    _WIDE[_dash] = ord("-")

_SEP = r"(?:[ \t]*[-.()/][ \t]*|[ \t]+)"
_RUN = re.compile(rf"[0-9]+(?:{_SEP}[0-9]+)*")
_GROUP = re.compile(r"[0-9]+")
_ENOUGH_DIGITS = re.compile(r"(?:\d\D*){11}")  # \d also matches full-width digits
PROVINCES = frozenset({"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36",
                       "37", "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62",
                       "63", "64", "65", "71", "81", "82", "83", "91"})
MOBILE = re.compile(r"(?:0086|86)?(1[3-9][0-9]{9})")
# 010 and 02x take 8-digit local numbers, other area codes (0 + 3 digits) 7 or 8: a landline
# has 11 or 12 digits, never the 10 of a school identifier.
LANDLINE = re.compile(r"0(?:10|2[0-9])[1-9][0-9]{7}|0[3-9][0-9]{2}[1-9][0-9]{6,7}")


@dataclass(frozen=True)
class Found:
    """One piece of personal data: its kind and where it is in the text (end exclusive)."""

    kind: str  # "id" | "mobile" | "landline"
    start: int
    end: int


def _normalise(text: str) -> str:
    return text.translate(_WIDE)


def _birth_ok(year: int, month: int, day: int) -> bool:
    if not 1900 <= year <= date.today().year:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _id_kind(digits: str) -> bool:
    if len(digits) == 18:
        if not digits[:17].isdigit() or digits[17] not in "0123456789Xx":
            return False
        birth = (int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    elif len(digits) == 15 and digits.isdigit():
        birth = (1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]))
    else:
        return False
    return digits[:2] in PROVINCES and _birth_ok(*birth)


def _classify(digits: str, groups: int, sizes: list[int]) -> str | None:
    # An ID written in groups starts with its region code (6 digits) or a part of it: a longer
    # first group is another number (a school identifier followed by a serial).
    if _id_kind(digits) and (groups == 1 or sizes[0] <= 6):
        return "id"
    # Phones over several groups: each group 2+ digits (country code 86) and the phone part 3+.
    if groups > 1 and min(sizes[1:]) < 3:
        return None
    if MOBILE.fullmatch(digits):
        return "mobile"
    if LANDLINE.fullmatch(digits):
        return "landline"
    return None


def find_personal(text: str) -> list[Found]:
    """Every ID or phone number in ``text``, left to right, not overlapping."""
    if len(text) < 11 or not _ENOUGH_DIGITS.search(text):  # the shortest (a phone) has 11
        return []
    norm = _normalise(text)
    found: list[Found] = []
    for run in _RUN.finditer(norm):
        groups = [(m.start() + run.start(), m.end() + run.start()) for m in _GROUP.finditer(run.group())]
        i = 0
        while i < len(groups):
            hit = None
            for j in range(len(groups) - 1, i - 1, -1):  # the longest window first
                start, end = groups[i][0], groups[j][1]
                digits = "".join(norm[a:b] for a, b in groups[i:j + 1])
                if len(digits) > 20:
                    continue
                # an ID's final X is a letter right after the 17th digit
                if len(digits) == 17 and end < len(norm) and norm[end] in "Xx":
                    digits, end = digits + norm[end], end + 1
                kind = _classify(digits, j - i + 1, [b - a for a, b in groups[i:j + 1]])
                if kind:
                    hit = (Found(kind, start, end), j)
                    break
            if hit:
                found.append(hit[0])
                i = hit[1] + 1
            else:
                i += 1
    return found


def has_personal(text: str | None) -> bool:
    return bool(text) and bool(find_personal(str(text)))


# The patterns a column-at-a-time scan (youjun.ingest.coerce.personal_mask) uses to decide
# cells without calling find_personal on each. A cell with fewer than 11 of these digits holds
# nothing (the shortest hit, a phone, has 11 digits).
DIGIT_CLASS = "[0-9\uff10-\uff19]"
# ASCII letters, then one run of 11 or more ASCII digits to the end ("T5001010000001"): the run
# is one group, so the cell holds personal data exactly when ``digits_are_personal`` says so.
ONE_RUN = "[A-Za-z]*[0-9]{11,}"
MOBILE_DIGITS = MOBILE.pattern
LANDLINE_DIGITS = LANDLINE.pattern


def digits_are_personal(digits: str) -> bool:
    """Whether one group of ASCII digits, standing alone, is an ID or a phone number (what
    ``has_personal`` finds in a cell whose only digits are this group)."""
    return len(digits) <= 20 and _classify(digits, 1, [len(digits)]) is not None


def mask_personal_text(text: str) -> str:
    """``text`` with the middle digits of every ID and phone number starred (shape kept)."""
    if not text:
        return text
    found = find_personal(text)
    if not found:
        return text
    chars = list(text)
    norm = _normalise(text)
    for f in found:
        positions = [k for k in range(f.start, f.end) if norm[k].isdigit() or norm[k] in "Xx"]
        keep_head = 3
        if f.kind == "mobile":  # keep a country code as well as the 3-digit prefix
            digits = "".join(norm[k] for k in positions)
            keep_head = len(digits) - 11 + 3
        for k in positions[keep_head:len(positions) - 4]:
            chars[k] = "*"
    return "".join(chars)
