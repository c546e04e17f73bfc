from __future__ import annotations

from typing import Any

import pytest

from tests.report.example_result import example_result


@pytest.fixture
def result() -> dict[str, Any]:
    return example_result()
