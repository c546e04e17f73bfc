"""Findings of the school walk on differentiated evaluation, through the real pages: a kind of
rater with fewer than the rule's minimum is merged for every viewer (not only the teacher), a
total while rater kinds are missing is provisional, raters and mentors are chosen and shown by
name, the teacher gets a receipt and sees answered forms apart, and the default tracks cite
their source as the source of a local default."""

from __future__ import annotations

from django.test import Client

from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.workforce.appraisal import services
from youjun.web.apps.workforce.appraisal.models import Participant, Round

PEER = {"ethics": "80", "teaching": "90", "goals": "70", "research": "60", "portfolio": "100"}
SELF = dict.fromkeys(PEER, "95")


def _client(w: WFWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    return c


def _rate(client: Client, rater_pk: int, scores: dict[str, str]) -> int:
    data = {f"score_{k}": v for k, v in scores.items()}
    return client.post(f"/workforce/appraisal/f/{rater_pk}/", data, follow=True).status_code


def _round_with_t1(w: WFWorld) -> tuple[Round, Participant]:
    off = w.user("officer")
    round_ = services.open_round(off, w.a1, school_year="2025-2026", term="1", title="秋季评价")
    p = services.add_participant(off, round_, staff_id=w.teachers["t1"].staff_id, track_code="experienced")
    return round_, p


def test_a_lone_peer_is_merged_for_the_officer_and_the_bureau_too(wfworld: WFWorld) -> None:
    w = wfworld
    round_, p = _round_with_t1(w)
    services.add_rater(w.user("officer"), p, kind="peer", username="teacher2")
    assert _rate(_client(w, "teacher"), p.raters.get(kind="self").pk, SELF) == 200
    assert _rate(_client(w, "teacher2"), p.raters.get(kind="peer").pk, PEER) == 200
    # the one peer's own scores (80 / 90 / 70 / 60 / 100, 78.5 together) and the total that would
    # give them away ((20×95 + 35×78.5) / 55 = 84.5) are shown to nobody
    for role in ("officer", "bureau"):
        page = _client(w, role).get(f"/workforce/appraisal/p/{p.pk}/").content.decode()
        assert 'data-testid="hidden-kind"' in page, role
        assert "78.5" not in page and "84.5" not in page, role
        assert ">60.0<" not in page and ">100.0<" not in page, role
        # self is the teacher's own assessment, shared with the school: the page says so
        assert "95.0" in page and "自评是教师本人" in page, role
        assert "任何人都看不到谁打了什么分" not in page
    rows = _client(w, "officer").get(f"/workforce/appraisal/r/{round_.pk}/").content.decode()
    assert "84.5" not in rows


def test_a_total_with_rater_kinds_missing_is_provisional(wfworld: WFWorld) -> None:
    w = wfworld
    round_, p = _round_with_t1(w)
    assert _rate(_client(w, "teacher"), p.raters.get(kind="self").pk, SELF) == 200
    officer = _client(w, "officer")
    page = officer.get(f"/workforce/appraisal/p/{p.pk}/").content.decode()
    total = page.split('data-testid="weighted-total"', 1)[1].split("</p>", 1)[0]
    assert "暂计" in total and "尚缺：同伴、学校领导、学生问卷、家长问卷" in total
    assert "优秀" not in total  # no final-looking level
    rows = officer.get(f"/workforce/appraisal/r/{round_.pk}/").content.decode()
    assert "暂计" in rows and "优秀" not in rows.split('data-testid="participant-table"', 1)[1].split("</table>")[0]
    services.close_round(w.user("officer"), round_)
    page = officer.get(f"/workforce/appraisal/p/{p.pk}/").content.decode()
    total = page.split('data-testid="weighted-total"', 1)[1].split("</p>", 1)[0]
    assert "暂计" not in total


def test_raters_and_mentors_are_chosen_and_shown_by_name(wfworld: WFWorld) -> None:
    from youjun.web.apps.platform.models import User

    w = wfworld
    User.objects.filter(username="officer").update(full_name="李主任")
    officer = _client(w, "officer")
    off = w.user("officer")
    round_ = services.open_round(off, w.a1, school_year="2025-2026", term="1", title="秋季评价")
    page = officer.get(f"/workforce/appraisal/r/{round_.pk}/").content.decode()
    form = page.split('data-testid="add-teacher-form"', 1)[1].split("</form>", 1)[0]
    assert 'data-testid="add-mentor"' in form and ">李主任" in form  # the mentor by name, not a login name
    assert "用户名" not in form
    r = officer.post(f"/workforce/appraisal/r/{round_.pk}/add/",
                     {"staff_id": w.teachers["t1"].staff_id, "track": "beginner", "mentor": "officer"})
    assert r.status_code == 302
    p = Participant.objects.get(round=round_)
    assert p.mentor == off
    page = officer.get(f"/workforce/appraisal/p/{p.pk}/").content.decode()
    form = page.split('data-testid="rater-form"', 1)[1].split("</form>", 1)[0]
    assert ">李主任" in form  # the school's staff user among the people to choose
    assert officer.post(f"/workforce/appraisal/p/{p.pk}/raters/",
                        {"kind": "leader", "candidate": "officer"}).status_code == 302
    page = officer.get(f"/workforce/appraisal/p/{p.pk}/").content.decode()
    table = page.split('data-testid="rater-table"', 1)[1].split("</table>", 1)[0]
    assert "李主任" in table and "周秘密" in table  # the leader and the teacher herself (self)
    assert ">officer<" not in table and ">teacher<" not in table
    assert "导师 李主任" in page


def test_a_receipt_after_a_form_and_answered_forms_apart(wfworld: WFWorld) -> None:
    w = wfworld
    _round, p = _round_with_t1(w)
    teacher = _client(w, "teacher")
    page = teacher.get("/workforce/appraisal/mine/").content.decode()
    todo = page.split('data-testid="my-forms"', 1)[1].split("</ul>", 1)[0]
    assert f"/workforce/appraisal/f/{p.raters.get(kind='self').pk}/" in todo
    data = {f"score_{k}": v for k, v in SELF.items()}
    r = teacher.post(f"/workforce/appraisal/f/{p.raters.get(kind='self').pk}/", data, follow=True)
    page = r.content.decode()
    assert r.status_code == 200 and "评价表已提交" in page  # the receipt
    todo = page.split('data-testid="my-forms"', 1)[1].split("</ul>", 1)[0]
    done = page.split('data-testid="answered-forms"', 1)[1].split("</ul>", 1)[0]
    assert "已作答" not in todo and f"/workforce/appraisal/f/{p.raters.get(kind='self').pk}/" in done
    page = teacher.get(f"/workforce/appraisal/p/{p.pk}/").content.decode()
    h1 = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert h1 != "我的评价" and "秋季评价" in h1


def test_the_default_tracks_cite_their_source_as_a_source(wfworld: WFWorld) -> None:
    w = wfworld
    page = _client(w, "officer").get(f"/workforce/appraisal/s/{w.a1.code}/").content.decode()
    assert "参考凤凰湖中学做法" in page and "平台按凤凰湖中学做法" not in page


def test_closing_a_round_with_incomplete_evaluations_says_whose_first(wfworld: WFWorld) -> None:
    """The re-walk's finding: a round closed with only the self-evaluation made a final total
    without a word. The round page names whose evaluation is incomplete, and the close button's
    confirmation says their totals become final as they stand."""
    w = wfworld
    round_, p = _round_with_t1(w)
    assert _rate(_client(w, "teacher"), p.raters.get(kind="self").pk, SELF) == 200
    page = _client(w, "officer").get(f"/workforce/appraisal/r/{round_.pk}/").content.decode()
    warning = page.split('data-testid="round-incomplete"')[1].split("</p>")[0]
    assert "有 1 名教师的评价尚不完整" in warning and "周秘密（尚缺" in warning and "定稿" in warning
    assert "有 1 名教师的评价尚不完整，关闭后其总分即按现有评价定稿" in page  # the button's confirmation
    services.close_round(w.user("officer"), round_)
    page = _client(w, "officer").get(f"/workforce/appraisal/r/{round_.pk}/").content.decode()
    assert 'data-testid="round-incomplete"' not in page
