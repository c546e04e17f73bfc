from __future__ import annotations

import pytest

from tests.web.evaluation.eworld import EWorld, build_eworld
from tests.web.world import World


@pytest.fixture
def eworld(world: World) -> EWorld:
    return build_eworld(world)
