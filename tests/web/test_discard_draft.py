"""The officer form's bad draft can be thrown away (issue 10, 1.7): 'discard draft' returns the
form to the stored figures, removes the draft and is audited."""

from __future__ import annotations

from tests.web.test_submissions import FORM, current_form, officer
from tests.web.world import World
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.schools.models import Submission


def test_a_bad_draft_can_be_discarded(world: World) -> None:
    c = officer(world)
    c.post(FORM, current_form(c) | {"facilities.books": "很多"})
    assert Submission.objects.filter(status=Submission.Status.DRAFT).count() == 1
    html = c.get(FORM).content.decode()
    assert "很多" in html and 'data-testid="discard-draft"' in html  # the draft is kept, with the way out
    r = c.post(FORM, {"discard_draft": "1"})
    assert r.status_code == 302
    assert not Submission.objects.filter(status=Submission.Status.DRAFT).exists()
    assert current_form(c)["facilities.books"] == "9000"
    assert AuditEvent.objects.filter(action="discard_draft").count() == 1
    assert 'data-testid="discard-draft"' not in c.get(FORM).content.decode()


def test_only_a_draft_is_discarded(world: World) -> None:
    c = officer(world)
    c.post(FORM, current_form(c) | {"facilities.books": "9001"})  # valid: submitted to the bureau
    assert Submission.objects.filter(status=Submission.Status.SUBMITTED).count() == 1
    c.post(FORM, {"discard_draft": "1"})
    assert Submission.objects.filter(status=Submission.Status.SUBMITTED).count() == 1
