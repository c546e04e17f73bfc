"""The world of issue 15's apps (party work, clean schools, the vocational centre, courses, the
district overview): ``tests.web.workforce.wfworld`` (districts A 永川区 500118 and B 涪陵区
500102 with their teachers; officers of A0001 and A0002, the bureaus of A and B, an analyst and
an inspector of A, a teacher of A0001 and one of A0002), plus:

  ethics   a user with no platform role: the ``party_integrity`` area grants it the handling of
           district A's teacher-ethics cases in its ``make_objects`` (restricted records are
           seen by their handlers only, not by the bureau at large).
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.web.workforce.wfworld import WFWorld, build_wfworld
from tests.web.world import PASSWORD, World
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.models import User


@dataclass
class PWorld:
    wf: WFWorld
    users: dict[str, User]

    @property
    def base(self) -> World:
        return self.wf.base

    def user(self, name: str) -> User:
        return self.users[name] if name in self.users else self.wf.user(name)


def build_pworld(base: World) -> PWorld:
    wf = build_wfworld(base)
    users = {"ethics": platform_services.create_user(None, "ethics", PASSWORD)}
    return PWorld(wf, users)
