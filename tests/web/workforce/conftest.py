from __future__ import annotations

import pytest

from tests.web.workforce.wfworld import WFWorld, build_wfworld
from tests.web.world import World


@pytest.fixture
def wfworld(world: World) -> WFWorld:
    return build_wfworld(world)
