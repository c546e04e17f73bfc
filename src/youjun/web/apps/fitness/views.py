"""Pages of the fitness standard: a school's year (statistics, classes, downloads), the import
(upload → problems or a preview → confirm), a class, a pupil's report card (A4, printable) and
a district's year. Reads through ``selectors`` and ``pupils.access`` (out of reach 404, seen but
not managed 403); writes through ``services``; refusals in the page's language."""

from __future__ import annotations

import csv
import io
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from youjun.core.fitness import PupilResult
from youjun.ingest import fitness_workbook as workbook
from youjun.web.apps.fitness import present, selectors, services
from youjun.web.apps.fitness.forms import ImportForm, plausible_years
from youjun.web.apps.fitness.models import Result
from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.audit import client_ip
from youjun.web.apps.platform.models import School
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.apps.pupils import access
from youjun.web.apps.pupils.models import ClassGroup, Pupil
from youjun.web.apps.pupils.services import Refused
from youjun.web.apps.pupils.views_admin import shown

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LEVELS = ("excellent", "good", "pass", "fail")


def _valid_year(year: str) -> str:
    if not services.valid_school_year(year):
        raise Http404("school year")
    return year


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    response["Cache-Control"] = "no-store"
    return response


def _stats_context(stats: selectors.Stats) -> dict[str, Any]:
    t = services.tables()
    lang = lang_code()

    def cells(r: dict[str, Any], prefix: str, keys: Any) -> tuple[int, list[dict[str, Any]]]:
        """Counts of the categories with their share of the row's base (the pupils with a category)."""
        counts = [int(r.get(f"{prefix}{k}") or 0) for k in keys]
        base = sum(counts)
        return base, [{"n": n, "rate": present.share(n, base)} for n in counts]

    def row(r: dict[str, Any]) -> dict[str, Any]:
        bmi_base, bmi = cells(r, "bmi_", present.BMI)
        vision_base, vision = cells(r, "vision_pupil_", present.VISION)
        return {**r, "sex_label": present.say(present.SEX.get(r["sex"]), lang),
                "grade_label": (f"{r['grade']}年级" if lang == "zh" else f"grade {r['grade']}")
                if r["grade"] != "all" else (_("all grades")),
                "excellent": present.rate(r["excellent_rate"]), "good": present.rate(r["good_or_better_rate"]),
                "pass": present.rate(r["pass_rate"]), "mean": present.mean(r["mean_total"]),
                "bmi_base": bmi_base, "bmi_cells": bmi, "vision_base": vision_base, "vision_cells": vision}

    overall = row(stats.overall) if stats.overall else None
    by_grade = [row(r) for r in stats.by_grade]
    if overall is not None and any(r["grade"] == "all" for r in stats.by_grade):  # 全部年级 合计 last
        by_grade.append(overall)
    return {"overall": overall, "by_grade": by_grade, "parts": [row(r) for r in stats.parts],
            "level_names": [present.level(k, t) for k in LEVELS],
            "bmi_names": [present.say(present.BMI[k]) for k in present.BMI],
            "vision_names": [present.say(present.VISION[k]) for k in present.VISION]}


# --- a school -------------------------------------------------------------------------------

@login_required
@require_safe
def school_latest(request: HttpRequest, code: str) -> HttpResponse:
    school = access.school_or_404(request.user, code)
    years = selectors.years_of_school(school)

    year = years[0] if years else access.school_year_of(timezone.localdate())
    return redirect("fitness:school", code=school.code, year=year)


@login_required
@require_safe
def school(request: HttpRequest, code: str, year: str) -> HttpResponse:
    school = access.school_or_404(request.user, code)
    year = _valid_year(year)
    reach = access.school_reach(request.user, school)
    stats = selectors.school_stats(school, year)
    district_reader = scoping.sees_district(scoping.scope_of(request.user), school.district)
    return render(request, "fitness/school.html", {
        "school": school, "year": year, "years": selectors.years_of_school(school), "reach": reach,
        "batch": selectors.last_import(school, year), "district_reader": district_reader,
        **_stats_context(stats),
    })


def _managed_school(request: HttpRequest, code: str) -> School:
    school = access.school_or_404(request.user, code)
    if not access.school_reach(request.user, school).manages:
        raise PermissionDenied("school")
    return school


def _import_page(request: HttpRequest, school: School, *, form: ImportForm | None = None,
                 problems: list[dict[str, Any]] | None = None, preview: services.Preview | None = None,
                 batch: Any = None, filename: str = "", status: int = 200) -> HttpResponse:

    lang = lang_code()
    year = access.school_year_of(timezone.localdate())
    t = services.tables()
    changed = []
    if preview is not None:
        for c in preview.changed[:500]:
            changed.append({**c, "before_text": _total_text(c["before"], c["before_status"]),
                            "after_text": _total_text(c["after"], c["after_status"])})
    return render(request, "fitness/import.html", {
        "school": school, "form": form or ImportForm(initial={"school_year": year}, years=_import_years(school)),
        "problems": [shown(p, lang) for p in (problems or [])[:500]], "problem_count": len(problems or []),
        "preview": preview, "batch": batch, "filename": filename, "changed": changed,
        "max_mb": services.MAX_BYTES // services.MB, "max_rows": services.MAX_ROWS,
        "columns": "、".join(workbook.NATIONAL), "junior_reason": present.say(
            ("初中评分表未加载，不予评分（只保存原始成绩、体重指数和视力）",
             "not scored: the junior tables are not loaded (raw results, BMI and vision are kept)")),
        "tables_name": t.name,
    }, status=status)


def _import_years(school: School) -> list[str]:

    known = ClassGroup.objects.filter(school=school).values_list("school_year", flat=True).distinct()
    return plausible_years(timezone.localdate(), known)


def _total_text(total: Any, status: str) -> str:
    if total is not None and status == "scored":
        return f"{Decimal(total):.1f}分" if lang_code() == "zh" else f"{Decimal(total):.1f}"
    return present.say(present.STATUS.get(status))


@login_required
def import_results(request: HttpRequest, code: str) -> HttpResponse:
    """Upload → every problem (row and column), or a preview to confirm."""
    school = _managed_school(request, code)
    if request.method != "POST":
        return _import_page(request, school)
    form = ImportForm(request.POST, request.FILES, years=_import_years(school))
    if not form.is_valid():
        return _import_page(request, school, form=form, status=400)
    upload = form.cleaned_data["file"]
    name = str(upload.name or "fitness.xlsx")[:160]
    size = int(upload.size or 0)
    content = upload.read() if size <= services.MAX_BYTES else b"\0" * (services.MAX_BYTES + 1)
    try:
        batch, _reading, preview = services.stage(school, form.cleaned_data["school_year"].strip(), content, name,
                                                  request.user, ip=client_ip(request))
    except Refused as exc:
        return _import_page(request, school, form=form, problems=exc.problems, filename=name, status=400)
    return _import_page(request, school, form=form, preview=preview, batch=batch, filename=name)


@login_required
@require_POST
def import_confirm(request: HttpRequest, code: str) -> HttpResponse:
    school = _managed_school(request, code)
    batch = services.staged(school, request.POST.get("batch", ""))
    if batch is None:
        from youjun.web.errors import web_problem

        return _import_page(request, school, problems=[web_problem(
            "E1065", value=request.POST.get("batch", ""), rule=services.RULE,
            detail_zh="没有找到待确认的上传", detail_en="no staged upload was found")], status=400)
    mode = request.POST.get("mode", "update")
    try:
        done = services.confirm(batch, request.user, ip=client_ip(request),
                                mode=mode if mode in services.MODES else "update")
    except Refused as exc:
        return _import_page(request, school, problems=exc.problems, filename=batch.file_name, status=400)
    c = done.counts
    messages.success(request, _("Results of %(year)s saved: %(pupils)s pupils (%(new)s new), %(replaced)s earlier "
                                "results replaced.") % {"year": done.school_year, "pupils": f"{c['pupils']:,}",
                                                        "new": f"{c['new']:,}", "replaced": f"{c['replaced']:,}"})
    if c.get("removed"):
        messages.warning(request, _("%(n)s results of pupils not in the file were removed.") % {
            "n": f"{c['removed']:,}"})
    return redirect("fitness:school", code=school.code, year=done.school_year)


# --- downloads ------------------------------------------------------------------------------

def _year_rows(school: School, year: str) -> list[Result]:
    return list(selectors.year_results(school=school, school_year=year).select_related("pupil")
                .order_by("grade", "raw__班级编号", "pupil__student_id"))


def _pupil_rows(results: list[Result]) -> list[workbook.PupilRow]:
    return [workbook.PupilRow(r.row, dict(r.raw), PupilResult(r.grade, r.sex), r.vision_left, r.vision_right)
            for r in results]


def _xlsx(header: list[str], lines: list[list[Any]]) -> bytes:
    with tempfile.TemporaryDirectory(prefix="youjun-fitness-") as tmp:
        path = Path(tmp) / "out.xlsx"
        workbook.write_workbook(path, header, lines)
        return path.read_bytes()


@login_required
@require_safe
def scores_xlsx(request: HttpRequest, code: str, year: str) -> HttpResponse:
    school = _managed_school(request, code)
    results = _year_rows(school, _valid_year(year))
    lines = workbook.export_rows(_pupil_rows(results), [r.core() for r in results], services.tables())
    return _attachment(_xlsx(workbook.export_header(), lines), XLSX, f"{school.code}-{year}-体质健康评分.xlsx")


@login_required
@require_safe
def upload_xlsx(request: HttpRequest, code: str, year: str) -> HttpResponse:
    """The year's results in the national upload layout (the row that counts: a retest's)."""
    school = _managed_school(request, code)
    results = _year_rows(school, _valid_year(year))
    header = [*workbook.NATIONAL, *workbook.EXTRA]  # 免测 and 补测 too: a round trip keeps them
    lines = [[workbook.RETESTED if c == "补测" and r.retest else r.raw.get(c, "") for c in header] for r in results]
    return _attachment(_xlsx(header, lines), XLSX, f"{school.code}-{year}-体质健康上报.xlsx")


CSV_COLUMNS = ("年级", "班级名称", "学籍号", "姓名", "性别", "评分状态", "身高", "体重", "体重指数", "体重指数等级",
               "标准分", "附加分", "总分", "总分等级", "左眼裸眼视力", "右眼裸眼视力")


@login_required
@require_safe
def scores_csv(request: HttpRequest, code: str, year: str) -> HttpResponse:
    school = _managed_school(request, code)
    results = _year_rows(school, _valid_year(year))
    t = services.tables()
    keys = [k for k in workbook.SCORE_COLUMNS if k != "bmi"]
    out = io.StringIO()
    out.write("\ufeff")
    w = csv.writer(out)
    w.writerow([*CSV_COLUMNS, *[f"{t.items[k].zh}成绩" for k in keys], *[f"{t.items[k].zh}得分" for k in keys]])
    for r in results:
        s = r.core()
        items = {i.key: i for i in s.items}
        w.writerow([workbook.safe_text(str(x)) for x in [
            r.grade, r.raw.get("班级名称", ""), r.pupil.student_id, r.pupil.name,
            present.SEX[r.sex][0], present.STATUS[r.status][0], r.raw.get("身高", ""), r.raw.get("体重", ""),
            s.bmi if s.bmi is not None else "", present.say(present.BMI.get(s.bmi_category or ""), "zh"),
            s.standard if s.standard is not None else "", s.bonus_total if s.total is not None else "",
            s.total if s.total is not None else "", present.level(s.level, t, "zh"),
            r.vision_left if r.vision_left is not None else "", r.vision_right if r.vision_right is not None else "",
            *[items[k].raw if k in items else "" for k in keys],
            *[items[k].score if k in items else "" for k in keys]]])
    return _attachment(out.getvalue().encode("utf-8"), "text/csv; charset=utf-8",
                       f"{school.code}-{year}-体质健康评分.csv")


# --- a class --------------------------------------------------------------------------------

@login_required
@require_safe
def class_page(request: HttpRequest, pk: int) -> HttpResponse:
    class_group = access.class_or_404(request.user, pk)
    t = services.tables()
    lines = []
    for line in selectors.class_pupils(class_group):
        s = line.scored
        lines.append({
            "pupil": line.pupil, "student_id": access.student_id_for(request.user, line.pupil),
            "status": present.say(present.STATUS.get(s.status.value)) if s else "",
            "scored": s is not None and s.status.value == "scored",
            "total": s.total if s else None, "level": present.level(s.level, t) if s else "",
            "level_key": s.level if s else "",
            "weakest": f"{present.item_name(line.weakest.key, t)}（{line.weakest.score}分）" if line.weakest
            and lang_code() == "zh" else (f"{present.item_name(line.weakest.key, t)} ({line.weakest.score})"
                                          if line.weakest else ""),
        })
    stats = selectors.class_stats(class_group)
    return render(request, "fitness/class.html", {
        "class_group": class_group, "school": class_group.school, "year": class_group.school_year,
        "lines": lines, "staff": access.school_reach(request.user, class_group.school).sees,
        **_stats_context(stats),
    })


# --- a pupil --------------------------------------------------------------------------------

@login_required
@require_safe
def pupil_latest(request: HttpRequest, pk: int) -> HttpResponse:
    pupil = access.pupil_or_404(request.user, pk)
    years = selectors.pupil_years(pupil)
    if years:
        return redirect("fitness:pupil", pk=pupil.pk, year=years[0])
    return render(request, "fitness/pupil_none.html", {"pupil": pupil, "school": pupil.school})


@login_required
@require_safe
def pupil(request: HttpRequest, pk: int, year: str) -> HttpResponse:
    pupil: Pupil = access.pupil_or_404(request.user, pk)
    year = _valid_year(year)
    card = selectors.report_card(pupil, year)
    if card is None:
        return render(request, "fitness/pupil_none.html", {"pupil": pupil, "school": pupil.school, "year": year},
                      status=404)
    t = services.tables()
    s = card.scored
    lang = lang_code()
    g = card.graduation
    return render(request, "fitness/pupil.html", {
        "pupil": pupil, "school": pupil.school, "year": year, "card": card, "s": s,
        "student_id": access.student_id_for(request.user, pupil),
        "class_group": card.result.class_group, "years": selectors.pupil_years(pupil),
        "items": present.item_rows(s, t) or present.raw_rows(card.result.parsed, t),
        "status": present.say(present.STATUS[s.status.value]),
        "level": present.level(s.level, t), "bmi_category": present.say(present.BMI.get(s.bmi_category or "")),
        "first_total": card.first.total if card.first else None,
        "previous": [{"year": r.school_year, "grade": r.grade, "total": r.total, "status": r.status,
                      "status_label": present.say(present.STATUS[r.status]), "level": present.level(r.level, t)}
                     for r in card.previous],
        "graduation": g, "graduation_level": present.level(g.level, t) if g else "",
        "graduation_status": present.say(present.STATUS[g.status.value]) if g else "",
        "notes": present.note_for(card.weakest, t), "sex": present.say(present.SEX[pupil.sex], lang),
        "vision": [(present.say(("左眼", "left eye")), card.result.vision_left),
                   (present.say(("右眼", "right eye")), card.result.vision_right)],
        "vision_category": _vision(card.result), "imported_at": _imported_at(card.result),
    })


def _imported_at(r: Result) -> str:
    """When the results were imported (the national workbook carries no test date), local time."""
    from django.utils import timezone

    batch = r.batch
    when = (batch.confirmed_at if batch is not None else None) or r.created_at
    if when is None:
        return ""
    local = timezone.localtime(when)
    return (f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}" if lang_code() == "zh"
            else f"{local.day} {local:%b %Y, %H:%M}")


def _vision(r: Result) -> str:
    from youjun.core.fitness import vision_category, worse_eye

    v = worse_eye(r.vision_left, r.vision_right)
    return present.say(present.VISION[vision_category(v, services.tables())]) if v is not None else ""


# --- a district -----------------------------------------------------------------------------

SORTS = ("school_code", "scored", "excellent_rate", "good_or_better_rate", "pass_rate", "mean_total")


def _district(request: HttpRequest, code: str) -> Any:
    return scoping.district_or_404(scoping.scope_of(request.user), code)


def district_years(d: Any) -> list[str]:
    """Years to switch between: those with results and the current school year."""

    return sorted({*selectors.years_of_district(d), access.school_year_of(timezone.localdate())}, reverse=True)


@login_required
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """/fitness/: the page the signed-in user can use — a district's (bureau, analyst), a school's
    (data officer), their classes and children ("mine": teacher, parent, pupil) — or 404."""
    scope = scoping.scope_of(request.user)
    if scope.sees_districts:
        d = scoping.districts(scope).order_by("code").first()
        if d is not None:
            return redirect("fitness:district_latest", code=d.code)
    if scope.own_schools:
        school = School.objects.filter(pk__in=scope.own_schools).order_by("code").first()
        if school is not None:
            return redirect("fitness:school_latest", code=school.code)
    if access.has_family_or_class_role(request.user):
        return redirect("pupils:mine")
    raise Http404("fitness")


@login_required
@require_safe
def district_latest(request: HttpRequest, code: str) -> HttpResponse:
    d = _district(request, code)
    years = selectors.years_of_district(d)
    return redirect("fitness:district", code=d.code, year=years[0] if years else district_years(d)[0])


@login_required
@require_safe
def district(request: HttpRequest, code: str, year: str) -> HttpResponse:
    d = _district(request, code)
    year = _valid_year(year)
    stats = selectors.district_stats(d, year)
    sort = request.GET.get("sort", "school_code")
    desc = sort.startswith("-")
    key = sort.lstrip("-")
    key = key if key in SORTS else "school_code"
    ctx = _stats_context(stats)
    ctx["parts"] = sorted(ctx["parts"], key=lambda r: (r[key] is None, r[key] if r[key] is not None else 0),
                          reverse=desc)
    if desc:  # keep schools without a rate last
        ctx["parts"] = [r for r in ctx["parts"] if r[key] is not None] + [r for r in ctx["parts"] if r[key] is None]
    columns = [(k, label) for k, label in (
        ("school_code", _("School")), ("scored", _("Scored")), ("excellent_rate", _("Excellent rate")),
        ("good_or_better_rate", _("Good or better rate")), ("pass_rate", _("Pass rate")),
        ("mean_total", _("Mean total")))]
    return render(request, "fitness/district.html", {
        "district": d, "year": year, "years": district_years(d), "sort": key, "desc": desc,
        "columns": [{"key": k, "label": label, "link": f"?sort={'-' if k == key and not desc else ''}{k}"}
                    for k, label in columns],
        "tested": stats.tested, "schools": stats.schools, "untested": stats.untested,
        "overall_title": _("Total of the schools with imported results"),
        **ctx,
    })


def _district_book(d: Any, year: str, stats: selectors.DistrictStats) -> bytes:
    """The district's XLSX: a title row on each sheet (district, year, when), the schools (untested
    ones as 未测), 总体 and 按年级和性别."""
    import xlsxwriter
    from django.utils import timezone

    when = timezone.localtime().strftime("%Y年%m月%d日 %H:%M")
    title = (f"{d.name} · {year}学年 · 国家学生体质健康标准 · 已有成绩的学校 {stats.tested:,} / {stats.schools:,} 所"
             f" · 导出于 {when}")
    counts = ["评分人数", "免测人数", "缺项人数", "不予评分人数", "优秀人数", "良好人数", "及格人数", "不及格人数"]
    rates = ["优秀率（%）", "优良率（%）", "及格率（%）", "平均总分（分）"]

    def figures(r: dict[str, Any]) -> list[Any]:
        return [r["scored"], r["exempt"], r["incomplete"], r["refused"], r["level_excellent"], r["level_good"],
                r["level_pass"], r["level_fail"],
                *[r[k] if r[k] is not None else "" for k in ("excellent_rate", "good_or_better_rate", "pass_rate",
                                                             "mean_total")]]

    sex_zh = {k: v[0] for k, v in present.SEX.items()}
    sheets = [
        ("各校", ["学校标识码", "学校名称", "状态", *counts, *rates],
         [[r["school_code"], r["school_name"], "已导入", *figures(r)] for r in stats.parts]
         + [[s.code, s.name, "未测"] for s in stats.untested]),
        ("总体", ["范围", *counts, *rates],
         [["已导入学校合计", *figures(stats.overall)]] if stats.overall else []),
        ("按年级和性别", ["年级", "性别", *counts, *rates],
         [[f"{r['grade']}年级" if r["grade"] != "all" else "全部年级", sex_zh.get(r["sex"], r["sex"]), *figures(r)]
          for r in [*stats.by_grade, *([stats.overall] if stats.overall else [])]]),
    ]
    with tempfile.TemporaryDirectory(prefix="youjun-fitness-") as tmp:
        path = Path(tmp) / "out.xlsx"
        wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                             "strings_to_urls": False})
        bold = wb.add_format({"bold": True})
        for name, header, lines in sheets:
            ws = wb.add_worksheet(name)
            ws.write_string(0, 0, workbook.safe_text(title), bold)
            ws.write_row(1, 0, header, bold)
            for i, line in enumerate(lines, start=2):
                for c, v in enumerate(line):
                    if isinstance(v, int | float | Decimal) and not isinstance(v, bool):
                        ws.write_number(i, c, float(v))
                    elif v != "":
                        ws.write_string(i, c, workbook.safe_text(str(v)))
            ws.set_column(0, 0, 14)
            ws.set_column(1, 1, 28 if name == "各校" else 10)
            ws.set_column(2, len(header), 12)
            ws.freeze_panes(2, 0)
        wb.close()
        return path.read_bytes()


@login_required
@require_safe
def district_xlsx(request: HttpRequest, code: str, year: str) -> HttpResponse:
    d = _district(request, code)
    year = _valid_year(year)
    stats = selectors.district_stats(d, year)
    return _attachment(_district_book(d, year, stats), XLSX, f"{d.name}-{year}学年-体质健康统计.xlsx")


def class_url(class_group: ClassGroup) -> str:
    return reverse("fitness:class", args=[class_group.pk])
