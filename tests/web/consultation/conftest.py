from __future__ import annotations

import pytest

from tests.web.consultation.cworld import CWorld, build_cworld
from tests.web.world import World


@pytest.fixture
def cworld(world: World) -> CWorld:
    return build_cworld(world)
