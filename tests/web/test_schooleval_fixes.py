"""What the testers of the school evaluation found, fixed: an upload keeps what was typed; submit
and finalise are confirmed, with their own banners, a withdrawal until the bureau begins and a
reopening with a reason; the roll-up rule stated; the years linked; national and local items
told apart; weights in % kept when refused; the overview says whose levels it shows; the reviewer
sees the school's files; the history in words."""

from __future__ import annotations

import io
import re
from urllib.parse import unquote

import openpyxl
from django.test import Client

from tests.web.world import A, World
from youjun.core import schooleval as se
from youjun.web.apps.platform.models import AuditEvent, School
from youjun.web.apps.schooleval import services
from youjun.web.apps.schooleval.models import Evaluation, TreeVersion

YEAR = services.current_year()
SCHOOL = A + "0001"
URL = f"/school-eval/s/{SCHOOL}/{YEAR}/"


def client(world: World, role: str) -> Client:
    c = Client()
    c.force_login(world.users[role])
    return c


def _pdf(name: str = "会议记录.pdf") -> io.BytesIO:
    f = io.BytesIO(b"%PDF-1.4\n% evidence\n")
    f.name = name
    return f


def _levels(level: str, prefix: str = "level", skip: tuple[str, ...] = ()) -> dict[str, str]:
    return {f"{prefix}_{c['code']}": level for c in se.considerations(se.seed_tree()) if c["code"] not in skip}


def _text(r: object) -> str:
    return r.content.decode()  # type: ignore[attr-defined]


def test_an_upload_saves_the_judgements_and_notes_typed_with_it(world: World) -> None:
    officer = client(world, "officer")
    page = _text(officer.get(URL))
    # the upload is a button of the self-evaluation form: the browser sends the typed levels with it
    assert re.search(r'<button name="op" value="upload" form="se-self"', page)
    assert re.search(r'<input type="file" name="file" form="se-self"', page)
    assert re.search(r'<form method="post" id="se-self" enctype="multipart/form-data"', page)
    r = officer.post(URL, {"op": "upload", "code": "B1.1", "file": _pdf(), "level_B1.1": "good",
                           "note_B1.1": "每月召开党组织会议", "note_B1.2": "责任清单已上墙"}, follow=True)
    ev = Evaluation.objects.get(school__code=SCHOOL, school_year=YEAR)
    j = ev.judgements.get(code="B1.1")
    assert (j.self_level, j.self_note) == ("good", "每月召开党组织会议")
    assert ev.judgements.get(code="B1.2").self_note == "责任清单已上墙"  # a note without a level is kept too
    assert ev.evidence.count() == 1 and "文件已上传" in _text(r)
    # no file chosen: the typed judgement is still saved, and the page says what is missing
    r = officer.post(URL, {"op": "upload", "code": "B1.1", "level_B2.1": "pass"}, follow=True)
    assert ev.judgements.get(code="B2.1").self_level == "pass" and "没有选择文件" in _text(r)
    # a deletion from the form saves the form too
    f = ev.evidence.get()
    officer.post(URL, {"op": f"delete_file:{f.pk}", "level_B2.2": "excellent"})
    assert ev.judgements.get(code="B2.2").self_level == "excellent" and not ev.evidence.exists()


def test_submit_and_finalise_are_confirmed_withdrawn_and_reopened(world: World) -> None:
    officer, bureau = client(world, "officer"), client(world, "bureau")
    # submit with two considerations unjudged: a confirmation page that lists them with links
    r = officer.post(URL, {"op": "submit", **_levels("good", skip=("B1.2", "B4.1"))})
    assert r.status_code == 302 and "confirm=submit" in r["Location"]
    ev = Evaluation.objects.get(school__code=SCHOOL, school_year=YEAR)
    assert ev.state == "draft"
    page = _text(officer.get(f"{URL}?confirm=submit"))
    missing = page.split('data-testid="se-missing"')[1].split("</ul>")[0]
    assert 'href="#c-B1.2"' in missing and 'href="#c-B4.1"' in missing and "B1.1" not in missing
    assert 'id="c-B1.2"' in page and page.count('data-testid="se-missing-badge"') == 2
    assert 'data-testid="se-confirm-submit"' not in page
    # a direct confirmed post is refused with the school's words, never the bureau's
    r = officer.post(URL, {"op": "submit", "confirmed": "1"}, follow=True)
    assert "提交前请为每个考查要点选择评价等级" in _text(r) and "复核等级" not in _text(r).split("messages")[1][:600]
    # everything judged: the confirmation asks, and only "yes" submits
    r = officer.post(URL, {"op": "submit", **_levels("good")}, follow=True)
    ev.refresh_from_db()
    assert ev.state == "draft" and 'data-testid="se-confirm-submit"' in _text(r)
    r = officer.post(URL, {"op": "submit", "confirmed": "1"}, follow=True)
    ev.refresh_from_db()
    assert ev.state == "submitted" and "已提交教育局" in _text(r) and "已保存。" not in _text(r)
    # the school withdraws it while the bureau has not begun, and submits again
    assert 'data-testid="se-withdraw"' in _text(officer.get(URL))
    officer.post(URL, {"op": "withdraw"})
    ev.refresh_from_db()
    assert ev.state == "draft" and ev.submitted_at is None
    officer.post(URL, {"op": "submit", "confirmed": "1"})
    ev.refresh_from_db()
    assert ev.state == "submitted"
    # the bureau saves part of its review: reviewing, and the school can no longer withdraw
    bureau.post(f"{URL}review/", {"op": "save", "rlevel_B1.1": "good"})
    ev.refresh_from_db()
    assert ev.state == "reviewing"
    assert 'data-testid="se-withdraw"' not in _text(officer.get(URL))
    r = officer.post(URL, {"op": "withdraw"}, follow=True)
    ev.refresh_from_db()
    assert ev.state == "reviewing" and "E1137" in _text(r)
    # finalise: a confirmation; with levels missing, the bureau's words and the list
    r = bureau.post(f"{URL}review/", {"op": "finalise"})
    assert "confirm=finalise" in r["Location"]
    ev.refresh_from_db()
    assert ev.state == "reviewing"
    page = _text(bureau.get(f"{URL}?confirm=finalise"))
    assert 'href="#c-B1.2"' in page.split('data-testid="se-missing"')[1].split("</ul>")[0]
    r = bureau.post(f"{URL}review/", {"op": "finalise", "confirmed": "1"}, follow=True)
    assert "E1146" in _text(r) and "确定结果前请对每个考查要点给出复核等级" in _text(r)
    assert "提交前" not in _text(r)
    bureau.post(f"{URL}review/", {"op": "save", **_levels("good", "rlevel")}, follow=True)
    r = bureau.post(f"{URL}review/", {"op": "finalise", "confirmed": "1"}, follow=True)
    ev.refresh_from_db()
    assert ev.state == "final" and "已确定结果" in _text(r) and "已保存。" not in _text(r)
    # reopening needs a reason, which the history keeps
    r = bureau.post(f"{URL}review/", {"op": "reopen"}, follow=True)
    ev.refresh_from_db()
    assert ev.state == "final" and "E1147" in _text(r)
    bureau.post(f"{URL}review/", {"op": "reopen", "reason": "B9.1 的材料有误"})
    ev.refresh_from_db()
    assert ev.state == "reviewing" and ev.finalised_at is None
    event = AuditEvent.objects.filter(action="schooleval_reopen").get()
    assert event.after["reason"] == "B9.1 的材料有误"
    assert client(world, "officer").post(f"{URL}review/", {"op": "reopen", "reason": "x"}).status_code == 403


def test_the_roll_up_rule_is_stated_beside_each_level(world: World) -> None:
    officer = world.users["officer"]
    ev = services.start(officer, School.objects.get(code=SCHOOL), YEAR)
    levels = {c["code"]: ("good", "") for c in se.considerations(ev.tree.tree)}
    levels.update({"B9.1": ("pass", ""), "B9.2": ("pass", "")})  # A4: 良好, 良好, 合格, 合格 → 2.5
    services.save_self(officer, ev, levels)
    assert se.roll_up(ev.tree.tree, {k: v[0] for k, v in levels.items()})["A4"].level == "good"
    assert ".5 向上取" in se.scale()["rollup_rule"]["zh"]
    page = _text(client(world, "officer").get(URL))
    row = page.split('data-code="A4"')[1].split("</tr>")[0]
    assert "良好" in row and "平均 2.5" in row and "按平均等级，.5 向上取" in row
    assert "≥2.5 为良好" in page.split('data-testid="se-rule"')[1]


def test_years_are_linked_and_past_or_used_trees_are_locked(world: World) -> None:
    officer, bureau = client(world, "officer"), client(world, "bureau")
    page = _text(officer.get(f"/school-eval/s/{SCHOOL}/"))
    assert f'href="/school-eval/s/{SCHOOL}/{YEAR}/"' in page
    assert client(world, "bureau_b").get(f"/school-eval/s/{SCHOOL}/").status_code == 404
    past = f"{int(YEAR[:4]) - 1}-{YEAR[:4]}"
    services.start(world.users["officer"], School.objects.get(code=SCHOOL), past)
    page = _text(officer.get(URL))
    years = page.split('data-testid="se-school-years"')[1].split("</nav>")[0]
    assert f'href="/school-eval/s/{SCHOOL}/{past}/"' in years and f'href="/school-eval/s/{SCHOOL}/"' in years
    # a past year's tree: no edit forms, and an edit is refused
    page = _text(bureau.get(f"/school-eval/d/{A}/tree/?year={past}"))
    assert "se-add-B3" not in page and "se-retire" not in page and 'data-testid="se-tree-locked"' in page
    r = bureau.post(f"/school-eval/d/{A}/tree/", {"year": past, "op": "retire", "code": "B1.2"}, follow=True)
    stored = TreeVersion.objects.get(school_year=past).tree
    assert "E1136" in _text(r) and not se.considerations(stored)[1].get("retired")
    # the current year in use: locked, with a link to next year's tree
    ev = services.start(world.users["officer"], School.objects.get(code=SCHOOL), YEAR)
    services.save_self(world.users["officer"], ev, {c["code"]: ("good", "") for c in se.considerations(ev.tree.tree)})
    services.submit(world.users["officer"], ev)
    page = _text(bureau.get(f"/school-eval/d/{A}/tree/?year={YEAR}"))
    assert re.search(rf'href="\?year={se.next_year(YEAR)}" data-testid="se-next-year"', page)
    assert "se-add-B3" in _text(bureau.get(f"/school-eval/d/{A}/tree/?year={se.next_year(YEAR)}"))


def test_the_tree_tells_national_from_local_items(world: World) -> None:
    bureau = client(world, "bureau")
    tree_url = f"/school-eval/d/{A}/tree/?year={YEAR}"
    page = _text(bureau.get(tree_url))
    assert "[R]" not in page
    row = page.split('data-code="B3.2"')[1].split("</tr>")[0]
    assert "《指南》" in row and "概括，待与《指南》原文核对" in row
    assert 'data-testid="se-legend"' in page
    bureau.post(f"/school-eval/d/{A}/tree/", {"year": YEAR, "op": "edit", "code": "B3.2", "zh": "规范使用国家审定教材",
                                             "evaluators": ["self"], "evidence": "教材目录"})
    row = _text(bureau.get(tree_url)).split('data-code="B3.2"')[1].split("</tr>")[0]
    assert "规范使用国家审定教材" in row and "本地规则" in row
    guide = row.split('data-testid="se-guide-words"')[1]
    assert "规范使用教材" in guide and "教材征订目录" in guide


def test_weights_in_percent_kept_when_refused(world: World) -> None:
    bureau = client(world, "bureau")
    tree_url = f"/school-eval/d/{A}/tree/"
    page = _text(bureau.get(f"{tree_url}?year={YEAR}"))
    assert "每一层合计 100%" in page.split('data-testid="se-weights-hint"')[1][:200]
    tree = se.seed_tree()
    typed = {f"w_{a['code']}": "25" for a in tree["areas"]}
    typed["w_B1"] = "37.5"
    r = bureau.post(tree_url, {"year": YEAR, "op": "weights", **typed})
    page = _text(r)
    assert r.status_code == 200 and 'name="w_A1" value="25"' in page and 'name="w_B1" value="37.5"' in page
    msg = page.split('class="messages"')[1].split("</ul>")[0]
    assert msg.index("合计为125") < msg.index("E1132") and re.search(r"<small[^>]*>E1132</small>", msg)
    # complete weights: saved and shown with %
    weights: dict[str, str] = {}
    for a in tree["areas"]:
        weights[f"w_{a['code']}"] = "20"
        for i in a["indicators"]:
            weights[f"w_{i['code']}"] = str(100 / len(a["indicators"]))
            for c in i["considerations"]:
                weights[f"w_{c['code']}"] = str(100 / len(i["considerations"]))
    bureau.post(tree_url, {"year": YEAR, "op": "weights", **weights})
    page = _text(bureau.get(f"{tree_url}?year={YEAR}"))
    assert "权重 20%" in page and "权重 50%" in page


def test_the_overview_says_whose_levels_each_row_shows(world: World) -> None:
    officer, bureau = world.users["officer"], world.users["bureau"]
    schools = list(School.objects.filter(district=world.a).order_by("code")[:2])
    for s in schools:
        ev = services.start(bureau, s, YEAR)
        services.save_self(bureau, ev, {c["code"]: ("good", "") for c in se.considerations(ev.tree.tree)})
        services.submit(bureau, ev)
    ev = services.evaluation_of(schools[0], YEAR)
    assert ev is not None and officer is not None
    services.save_review(bureau, ev, {c["code"]: ("excellent", "") for c in se.considerations(ev.tree.tree)})
    services.finalise(bureau, ev)
    analyst = client(world, "analyst")
    page = _text(analyst.get(f"/school-eval/d/{A}/{YEAR}/"))
    final_row = page.split(f'data-school="{schools[0].code}"')[1].split("</tr>")[0]
    own_row = page.split(f'data-school="{schools[1].code}"')[1].split("</tr>")[0]
    assert "教育局复核（已确定）" in final_row and "学校自评" in own_row
    r = analyst.get(f"/school-eval/d/{A}/{YEAR}/xlsx/")
    assert "学校办学质量评价" in unquote(r["Content-Disposition"])
    rows = list(openpyxl.load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    col = rows[0].index("分项结果来源")
    got = {x[0]: x[col] for x in rows[1:]}
    assert got[schools[0].code] == "教育局复核（已确定）" and got[schools[1].code] == "学校自评"


def test_the_reviewer_sees_the_schools_files(world: World) -> None:
    officer = client(world, "officer")
    officer.post(URL, {"op": "upload", "code": "B1.1", "file": _pdf()})
    f = Evaluation.objects.get(school__code=SCHOOL).evidence.get()
    page = _text(client(world, "bureau").get(URL))
    item = page.split('data-code="B1.1"')[1].split('data-testid="se-item"')[0]
    assert "学校上传的佐证材料" in item and f'href="{URL}evidence/{f.pk}/"' in item and "会议记录.pdf" in item
    other = page.split('data-code="B1.2"')[1].split('data-testid="se-item"')[0]
    assert "学校上传的佐证材料" in other and "未上传" in other
    assert client(world, "bureau").get(f"{URL}evidence/{f.pk}/").content.startswith(b"%PDF")
    assert client(world, "bureau_b").get(f"{URL}evidence/{f.pk}/").status_code == 404


def test_the_history_reads_in_words(world: World) -> None:
    officer, bureau = world.users["officer"], world.users["bureau"]
    ev = services.start(officer, School.objects.get(code=SCHOOL), YEAR)
    services.save_self(officer, ev, {c["code"]: ("good", "") for c in se.considerations(ev.tree.tree)})
    services.submit(officer, ev)
    services.save_review(bureau, ev, {"B4.2": ("pass", "作业量偏多")})
    services.save_review(bureau, ev, {c["code"]: ("excellent", "") for c in se.considerations(ev.tree.tree)
                                      if c["code"] != "B4.2"})
    services.finalise(bureau, ev)
    services.edit_tree(bureau, world.a, se.next_year(YEAR), "retire", {"code": "B1.2"})
    page = _text(client(world, "bureau").get(f"/history/?district={A}"))
    body = page.split("<main")[1] if "<main" in page else page
    for raw in ("submitted", "final", "pass", "excellent", "reviewing", "B4 · 2", "B1 · 2", "retire"):
        assert not re.search(rf"[>：→、\s]{re.escape(raw)}[<、；\s]", body), raw
    assert "已确定结果" in body and "合格" in body and "B4.2" in body and "停用考查要点" in body
