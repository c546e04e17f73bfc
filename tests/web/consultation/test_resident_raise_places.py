"""The raise form offers the body's own district: its towns (from its schools and its town
departments) and its schools — on first render and after a validation error alike."""

from __future__ import annotations

import re

from django.test import Client

from tests.web.consultation.cworld import CWorld
from tests.web.world import PASSWORD
from youjun.web.apps.consultation.models import Department
from youjun.web.apps.platform.models import School

RAISE = "/consult/raise/"


def _offered(html: str) -> tuple[set[str], set[str]]:
    """(school codes in the school select, towns in the town list) of the raise form."""
    select = re.search(r'<select name="school".*?</select>', html, re.S)
    schools = set(re.findall(r'<option value="(\d+)"', select.group(0))) if select else set()
    towns_box = re.search(r'<datalist id="c-towns">(.*?)</datalist>', html, re.S)
    towns = set(re.findall(r'<option value="([^"]+)"', towns_box.group(1))) if towns_box else set()
    return schools, towns


def test_towns_and_schools_are_the_bodys_district_before_and_after_an_error(cworld: CWorld) -> None:
    a, b = cworld.base.a, cworld.base.b
    # a town department of the body names a town no school of the district lies in
    Department.objects.create(body=cworld.rc, name="双河街道办事处", kind="town")
    Department.objects.create(body=cworld.rc, name="清升镇人民政府", kind="town")
    Department.objects.create(body=cworld.nj, name="椑木镇人民政府", kind="town")  # another body's town
    School.objects.filter(district=b).update(town="别区镇")
    mine = set(School.objects.filter(district=a).values_list("code", flat=True))
    want_towns = ({t for t in School.objects.filter(district=a).values_list("town", flat=True) if t}
                  | {"双河街道", "清升镇", "昌元街道"})
    assert len(mine) > 2
    c = Client()
    assert c.login(username="res_a", password=PASSWORD)
    first = c.get(f"{RAISE}?body={cworld.rc.code}")
    schools, towns = _offered(first.content.decode())
    assert schools == mine
    assert towns == want_towns, towns
    after = c.post(RAISE, {"body": cworld.rc.code, "title": "", "text": "短", "category": "education",
                           "town": "昌元街道", "school": sorted(mine)[0]})
    assert after.status_code == 400
    schools, towns = _offered(after.content.decode())
    assert schools == mine
    assert towns == want_towns
