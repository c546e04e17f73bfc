"""Bulk progress from a spreadsheet, through the real pages: the template lists the uploader's
open items; a good file is previewed, then written in one go (one event and one audit row per
update); a file with one bad row writes nothing and names the row and column."""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Concern, Event
from youjun.web.apps.platform.models import AuditEvent


def _client(cw: CWorld, name: str, lang: str = "zh") -> Client:
    c = Client()
    c.force_login(cw.users[name])
    c.cookies["youjun_language"] = lang
    return c


def _assigned(cw: CWorld, n: int, department: Any = None, **fields: Any) -> list[Concern]:
    out = []
    for i in range(n):
        c = cw.concern(title=f"路灯损坏{i + 1}", **fields)
        services.assign(cw.users["c_staff"], c, department or cw.town)
        out.append(c)
    return out


def _template(c: Client) -> Any:
    r = c.get("/consult/bulk/template.xlsx")
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(r.content))


def _fill(wb: Any, values: dict[str, tuple[Any, str, str]]) -> bytes:
    """values: number -> (进度(%), 进展说明, 答复(可选)) written into the template's rows."""
    ws = wb["进度更新"]
    for row in ws.iter_rows(min_row=2):
        if row[0].value in values:
            percent, note, answer = values[row[0].value]
            row[4].value, row[5].value, row[6].value = percent, note or None, answer or None
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(c: Client, content: bytes, name: str = "进度更新.xlsx") -> Any:
    return c.post("/consult/bulk/", {"file": SimpleUploadedFile(name, content)})


def _progress_events() -> int:
    return Event.objects.filter(action__in=("progress", "answer")).count()


def test_a_good_file_is_previewed_then_written_as_one_event_per_update(cworld: CWorld) -> None:
    a, b, c = _assigned(cworld, 3)
    town = _client(cworld, "c_town")
    wb = _template(town)
    numbers = [r[0].value for r in wb["进度更新"].iter_rows(min_row=2)]
    assert sorted(numbers) == sorted([a.number, b.number, c.number])
    assert list(next(wb["进度更新"].iter_rows(max_row=1, values_only=True))) == [
        "编号", "标题", "当前进度(%)", "答复期限", "进度(%)", "进展说明", "答复(可选)"]
    content = _fill(wb, {a.number: (60, "已采购灯具", ""), b.number: ("100%", "已修复", "两处路灯已修复。")})
    r = _upload(town, content)
    page = r.content.decode()
    assert r.status_code == 200 and "将更新 2 件议题" in page and "0% → 60%" in page, page[-3000:]
    assert _progress_events() == 0  # a preview writes nothing
    r = town.post("/consult/bulk/confirm/")
    assert r.status_code == 302
    a.refresh_from_db()
    b.refresh_from_db()
    c.refresh_from_db()
    assert (a.state, a.progress) == ("in_progress", 60)
    assert (b.state, b.progress, b.answer) == ("answered", 100, "两处路灯已修复。")
    assert c.state == "assigned"
    assert _progress_events() == 3  # a: progress; b: progress and answer
    assert list(a.events.filter(action="progress").values_list("note", "actor_role")) == [("已采购灯具", "department")]
    assert AuditEvent.objects.filter(action__in=("consultation_progress", "consultation_answer")).count() == 3
    assert "写入 3 条更新" in town.get("/consult/bulk/").content.decode()
    # a second confirm has nothing left to write
    town.post("/consult/bulk/confirm/")
    assert _progress_events() == 3


def test_one_bad_row_writes_nothing_and_names_its_row_and_column(cworld: CWorld) -> None:
    a, b, c = _assigned(cworld, 3)
    town = _client(cworld, "c_town")
    wb = _template(town)
    rows = {r[0].value: r[0].row for r in wb["进度更新"].iter_rows(min_row=2)}
    content = _fill(wb, {a.number: (60, "已采购灯具", ""), b.number: (150, "", ""), c.number: (30, "", "")})
    r = _upload(town, content)
    page = r.content.decode()
    assert r.status_code == 400 and "未写入任何内容" in page
    assert f"第{rows[b.number]}行 进度(%)列" in page and "E876" in page and "0到100" in page
    assert _progress_events() == 0
    assert town.post("/consult/bulk/confirm/").status_code == 302  # nothing was kept to confirm
    assert _progress_events() == 0
    en = _upload(_client(cworld, "c_town", "en"), content).content.decode()
    assert f"row {rows[b.number]}, column 进度(%)" in en and "Give a whole percentage" in en


def test_every_kind_of_bad_row_is_found_before_anything_is_written(cworld: CWorld) -> None:
    mine, answered = _assigned(cworld, 2)
    services.answer(cworld.users["c_town"], answered, "已答复。")
    (not_mine,) = _assigned(cworld, 1, department=cworld.edu)
    wb = Workbook()
    ws = wb.active
    ws.title = "进度更新"
    ws.append(["编号", "标题", "当前进度(%)", "办理期限", "进度(%)", "进展说明", "答复(可选)"])
    ws.append([mine.number, "", 0, "", 40, "开工", ""])  # row 2: good
    ws.append(["RC-1999-0001", "", 0, "", 40, "", ""])  # row 3: unknown
    ws.append([not_mine.number, "", 0, "", 40, "", ""])  # row 4: another department's
    ws.append([mine.number, "", 0, "", 50, "", ""])  # row 5: duplicate
    ws.append([answered.number, "", 0, "", 100, "", "再答复"])  # row 6: step not open, nor an answer
    ws.append([f"{mine.number}X", "", 0, "", "", "只有说明", ""])  # row 7: unknown too
    out = io.BytesIO()
    wb.save(out)
    r = _upload(_client(cworld, "c_town"), out.getvalue())
    page = r.content.decode()
    assert r.status_code == 400
    assert page.count("不是您可以更新的待办议题") == 3  # unknown and not yours: one message, no probing
    assert "第5行 编号列" in page and "E907" in page and "第2行已有" in page
    assert "第6行 进度(%)列" in page and "E874" in page and "该议题当前状态下不能更新进度" in page
    assert "第6行 答复(可选)列" in page and "E908" in page
    assert _progress_events() == 1  # only the answer given above


def test_wrong_headers_empty_and_unreadable_files_are_refused(cworld: CWorld) -> None:
    _assigned(cworld, 1)
    town = _client(cworld, "c_town")
    wb = Workbook()
    wb.active.append(["number", "progress"])
    out = io.BytesIO()
    wb.save(out)
    page = _upload(town, out.getvalue()).content.decode()
    assert "E904" in page and "“进度(%)”" in page
    empty = _fill(_template(town), {})
    page = _upload(town, empty).content.decode()
    assert "E905" in page
    page = _upload(town, b"not a workbook at all").content.decode()
    assert "E1" in page and "未写入任何内容" in page
    assert _progress_events() == 0


def test_text_from_titles_stays_text_in_the_template(cworld: CWorld) -> None:
    c = cworld.concern(title='=HYPERLINK("http://x.example","点我")')
    services.assign(cworld.users["c_staff"], c, cworld.town)
    wb = _template(_client(cworld, "c_town"))
    cell = wb["进度更新"]["B2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_confirm_checks_again_and_writes_nothing_when_an_item_moved_meanwhile(cworld: CWorld) -> None:
    a, b = _assigned(cworld, 2)
    town = _client(cworld, "c_town")
    content = _fill(_template(town), {a.number: (50, "", ""), b.number: (70, "", "")})
    assert _upload(town, content).status_code == 200
    services.answer(cworld.users["c_staff"], b, "工作人员已代为答复。")
    before = _progress_events()
    r = town.post("/consult/bulk/confirm/")
    assert r.status_code == 400 and "E874" in r.content.decode()
    assert _progress_events() == before
    a.refresh_from_db()
    assert a.progress == 0


def test_a_member_has_no_items_and_a_resident_no_page(cworld: CWorld) -> None:
    _assigned(cworld, 1)
    assert "您没有需要更新的待办议题" in _client(cworld, "c_member").get("/consult/bulk/").content.decode()
    assert _client(cworld, "res_a").get("/consult/bulk/").status_code == 403
    staff_page = _client(cworld, "c_staff").get("/consult/bulk/").content.decode()
    assert "您的待办议题：1 件" in staff_page


def test_a_percentage_typed_as_60_percent_in_a_percent_cell_reads_60(cworld: CWorld) -> None:
    (a,) = _assigned(cworld, 1)
    town = _client(cworld, "c_town")
    wb = _template(town)
    cell = wb["进度更新"]["E2"]
    cell.value, cell.number_format = 0.6, "0%"
    out = io.BytesIO()
    wb.save(out)
    r = _upload(town, out.getvalue())
    assert r.status_code == 200 and "0% → 60%" in r.content.decode()
    assert town.post("/consult/bulk/confirm/").status_code == 302
    a.refresh_from_db()
    assert a.progress == 60
