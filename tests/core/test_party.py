"""The party rules as data and the split / combined / unknown definition."""

from __future__ import annotations

import datetime as dt

from youjun.core import party

DAY = dt.date(2025, 6, 30)


def test_the_four_kinds_of_three_majors_one_large() -> None:
    kinds = party.major_kinds(DAY)
    assert [k.zh for k in kinds] == ["重大决策", "重要干部任免", "重大项目安排", "大额资金使用"]
    assert party.reference("major-decisions")["confidence"] == "M"


def test_the_seven_community_items_are_the_source_words() -> None:
    items = party.community_items(DAY)
    assert [i.zh for i in items] == ["组织联建一体化", "党员联管规范化", "阵地联用共享化", "品牌联创特色化",
                                     "活动联办多样化", "业务联推精细化", "发展联抓集群化"]
    assert all(i.confidence == "C" and i.aim_confidence == "U" and i.aim("zh") for i in items)
    assert party.is_local("community-items")


def test_meeting_kinds_say_which_need_a_prior_study() -> None:
    kinds = {k.code: k for k in party.meeting_kinds(DAY)}
    assert kinds["principal_meeting"].needs_prior and not kinds["principal_meeting"].party
    assert kinds["party_meeting"].party
    assert party.lacks_prior_study(kinds["principal_meeting"], "large_funds", prior=False)
    assert not party.lacks_prior_study(kinds["principal_meeting"], "large_funds", prior=True)
    assert not party.lacks_prior_study(kinds["principal_meeting"], "", prior=False)
    assert not party.lacks_prior_study(kinds["party_meeting"], "large_funds", prior=False)


def test_split_combined_unknown() -> None:
    p = party.Person
    assert party.post_status(p(1, "王一"), p(2, "李二")) == party.SPLIT
    assert party.post_status(p(1, "王一"), p(1, "王一")) == party.COMBINED
    # both linked: the records decide, not the names (two teachers of the same name)
    assert party.post_status(p(1, "王一"), p(2, "王一")) == party.SPLIT
    # one without a link: the names decide, spaces ignored
    assert party.post_status(p(None, "王 一"), p(1, "王一")) == party.COMBINED
    assert party.post_status(p(None, "王一"), p(None, "李二")) == party.SPLIT
    assert party.post_status(None, p(1, "王一")) == party.UNKNOWN
    assert party.post_status(p(1, "王一"), None) == party.UNKNOWN


def test_in_force_and_year_end() -> None:
    assert party.in_force(dt.date(2024, 1, 1), None, DAY)
    assert party.in_force(dt.date(2024, 1, 1), DAY, DAY)
    assert not party.in_force(dt.date(2024, 1, 1), dt.date(2025, 6, 29), DAY)
    assert not party.in_force(dt.date(2025, 7, 1), None, DAY)
    assert party.year_end(2024, DAY) == dt.date(2024, 12, 31)
    assert party.year_end(2025, DAY) == DAY
