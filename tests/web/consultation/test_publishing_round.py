"""What a resident on a phone found on the statistics and open-data side: tables that scroll say
so, chart labels that do not break inside a word, open-data links that are easy to tap and
documented, a Chinese CSV for ordinary citizens, overdue notices in good Chinese and English,
and English problems that say the choices in words."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from django.test import Client

from tests.web.consultation.cworld import CWorld
from tests.web.consultation.test_publishing_world import build_year
from youjun.web.apps.consultation import charts, digest, services
from youjun.web.apps.consultation.models import Concern, Notification


def _get(url: str, lang: str = "zh") -> tuple[int, str]:
    c = Client()
    c.cookies["youjun_language"] = lang
    r = c.get(url)
    return r.status_code, r.content.decode("utf-8-sig")


def test_tables_say_they_scroll_and_open_data_is_documented_on_a_page(cworld: CWorld) -> None:
    build_year(cworld)
    _, html = _get("/consult/stats/")
    assert html.count("表格可左右滑动") >= 4
    docs = re.search(r'<a href="([^"]+)"[^>]*data-testid="open-data-docs"', html)
    assert docs, "the open-data documentation is linked"
    r = Client().get(docs.group(1))
    assert r.status_code == 200 and r["Content-Type"].startswith("text/plain")
    assert "latest_raiser_satisfaction" in r.content.decode() and "headers=zh" in r.content.decode()


def test_chart_labels_break_between_words_not_inside(cworld: CWorld) -> None:
    labels = ["重庆市荣昌区昌元街道办事处", "荣昌区教育委员会基础教育科", "四川省内江市东兴区椑木镇人民政府",
              "Rongchang District Education Commission"]
    svg = str(charts.bar_chart([(label, float(i + 1)) for i, label in enumerate(labels)],
                               title="t", axis_title="a", value_label=str))
    lines = re.findall(r'text-anchor="end">([^<]+)</text>', svg)
    words = {"重庆市", "荣昌区", "昌元街道", "办事处", "教育委员会", "基础教育科", "四川省", "内江市", "东兴区",
             "椑木镇", "人民政府", "Rongchang", "District", "Education", "Commission"}
    for line in lines:
        rest = line.removesuffix("…").replace(" ", "")
        while rest:  # each line is whole words (the last may be cut with an ellipsis)
            word = next((w for w in sorted(words, key=len, reverse=True) if rest.startswith(w)), None)
            if word is None:
                assert line.endswith("…") and any(w.startswith(rest) for w in words), (line, lines)
                break
            rest = rest[len(word):]
    assert "荣昌区教育委员会基础教育科" in svg  # the full name in the tooltip


def test_a_chinese_csv_for_citizens_next_to_the_machine_one(cworld: CWorld) -> None:
    year = build_year(cworld)
    status, text = _get("/consult/open-data/?format=csv&headers=zh")
    assert status == 200
    rows = list(csv.DictReader(io.StringIO(text)))
    assert "编号" in rows[0] and "状态" in rows[0] and "类别" in rows[0] and "协商场景" in rows[0]
    closed = next(r for r in rows if r["编号"] == year.town_items[1].number)
    assert closed["状态"] == "已办结" and closed["类别"] != "lighting" and closed["类别"]
    assert closed["协商场景"] == "委员进小院"
    _, html = _get("/consult/stats/")
    assert "headers=zh" in html


def test_overdue_notices_count_days_in_good_words(cworld: CWorld) -> None:
    c = cworld.concern()
    services.assign(cworld.users["c_staff"], c, cworld.town)
    today = dt.date.today()
    Concern.objects.filter(pk=c.pk).update(due_on=today - dt.timedelta(days=1))
    digest.mark_overdue(today)
    n = Notification.objects.filter(kind="overdue").first()
    assert n is not None
    assert "逾期1天" in n.text_zh and "1 day overdue" in n.text_en and "1 days" not in n.text_en


def test_english_problems_say_the_choices_in_words(cworld: CWorld) -> None:
    _, html = _get("/consult/open-data/?format=xls", "en")
    assert "CSV or JSON" in html and "csv、json" not in html
    _, html = _get("/consult/open-data/?dataset=people", "en")
    assert "items、meetings" not in html and "meetings" in html
    _, html = _get("/consult/stats/?body=nowhere", "en")
    assert "荣昌区政协 (rongchang)" in html and "、" not in re.sub(r"<[^>]+>", "", html).split("nowhere")[1][:200]
