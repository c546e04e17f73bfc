"""The school evaluation's demo: the district's tree from the guide for the year, and 3–4 of its
schools with self-evaluations in different states (a draft, a submitted one, a returned one and
a finalised one with the bureau's review). Idempotent: a school that has the year's evaluation
is left as it is. Every write goes through the services (and so the audit), as the bureau."""

from __future__ import annotations

from typing import Any

from youjun.core import schooleval as rules
from youjun.web.apps.platform.models import District, Membership, Role, School, User
from youjun.web.apps.schooleval import services

# per school, the self-evaluation's level by key indicator (others "good"), and how far it goes
PLAN: tuple[tuple[str, dict[str, str], str], ...] = (
    ("final", {"B1": "excellent", "B2": "excellent", "B6": "excellent", "B12": "pass"}, "确定结果"),
    ("submitted", {"B3": "excellent", "B9": "pass"}, ""),
    ("returned", {"B4": "pass", "B12": "improve"},
     "B4.2作业管理与B12.1学生睡眠时间的自评缺少问卷数据，请补充后再提交。"),
    ("draft", {"B1": "good"}, ""),
)


DEMO_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")


def _bureau(district: District) -> User | None:
    m = (Membership.objects.filter(role=Role.DISTRICT_ADMIN, district=district).select_related("user")
         .order_by("id").first())
    if m is not None:
        return m.user
    return User.objects.filter(is_superuser=True).order_by("id").first()


def seed(district: District, school_year: str | None = None, actor: User | None = None) -> dict[str, Any]:
    """Seed ``district``'s school evaluation for ``school_year`` (default: the current one).
    Returns {"tree": TreeVersion, "evaluations": [Evaluation, ...]}."""
    year = school_year or services.current_year()
    actor = actor or _bureau(district)
    version = services.ensure_tree(actor, district, year)
    schools = list(School.objects.filter(district=district).order_by("code")[: len(PLAN)])
    out = []
    for school, (goal, by_indicator, comment) in zip(schools, PLAN, strict=False):
        if services.evaluation_of(school, year) is not None:
            out.append(services.evaluation_of(school, year))
            continue
        ev = services.start(actor, school, year)
        cons = rules.considerations(ev.tree.tree)
        entries = {c["code"]: (by_indicator.get(c["indicator"], "good"),
                               "已对照考查要点自查，材料见佐证。" if c["code"].endswith(".1") else "")
                   for c in cons if goal != "draft" or c["indicator"] in by_indicator}
        ev = services.save_self(actor, ev, entries)
        if goal != "draft":  # the reviewer sees the school's evidence files, not only their names
            services.add_evidence(actor, ev, cons[0]["code"], "党组织会议记录.pdf", DEMO_PDF)
        if goal == "draft":
            out.append(ev)
            continue
        ev = services.submit(actor, ev)
        if goal == "returned":
            ev = services.save_review(actor, ev, {}, comment)
            ev = services.return_to_school(actor, ev)
        elif goal == "final":
            lower = {"B12": "good", "B6": "good"}  # where the bureau judges otherwise than the school
            review = {c["code"]: (lower.get(c["indicator"], by_indicator.get(c["indicator"], "good")),
                                  "核实属实。" if c["code"].endswith(".1") else "") for c in cons}
            ev = services.save_review(actor, ev, review, "自评客观，材料齐全；建议进一步落实学生睡眠和作业管理要求。")
            ev = services.finalise(actor, ev)
        out.append(ev)
    return {"tree": version, "evaluations": out}
