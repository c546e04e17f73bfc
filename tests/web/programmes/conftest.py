from __future__ import annotations

import pytest

from tests.web.programmes.pworld import PWorld, build_pworld
from tests.web.world import World


@pytest.fixture
def pworld(world: World) -> PWorld:
    return build_pworld(world)
