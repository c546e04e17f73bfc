from __future__ import annotations

import copy
import json
import math
from typing import Any

from tests.report.example_result import GENERATED_AT
from tests.report.golden import check_golden, normalise
from youjun.report import render_json


def test_json_matches_golden(result: dict[str, Any]) -> None:
    check_golden("report.json", normalise(render_json(result), GENERATED_AT))


def test_same_data_gives_the_same_bytes(result: dict[str, Any]) -> None:
    first = render_json(result).encode()
    again = render_json(copy.deepcopy(result)).encode()
    assert first == again


def test_only_generated_at_differs_between_runs(result: dict[str, Any]) -> None:
    later = copy.deepcopy(result)
    later["run"]["generated_at"] = "2026-01-01T00:00:00+08:00"
    a, b = render_json(result).splitlines(), render_json(later).splitlines()
    changed = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    assert len(changed) == 1 and '"generated_at"' in changed[0][0]


def test_canonical_form() -> None:
    text = render_json({"b": 0.1 + 0.2, "a": {"z": [math.nan, -0.0, 1e-9, True, 3]},
                        "名称": "永川区"})
    assert text == ('{\n  "a": {\n    "z": [\n      null,\n      0.0,\n      0.0,\n      true,\n      3\n    ]\n'
                    '  },\n  "b": 0.3,\n  "名称": "永川区"\n}\n')


def test_what_orjson_refuses_is_written_by_the_standard_library_the_same_way() -> None:
    big = 2 ** 70  # beyond 64 bits: orjson refuses it
    assert render_json({"n": big, "名称": "永川区", "x": [1.5, {"k": set()}]}) == (
        '{\n  "n": 1180591620717411303424,\n  "x": [\n    1.5,\n    {\n      "k": []\n    }\n  ],\n'
        '  "名称": "永川区"\n}\n')


def test_subclasses_and_other_types_are_written_as_their_plain_values() -> None:
    import datetime
    from collections import OrderedDict
    from pathlib import PurePosixPath

    import numpy as np

    class Code(str):
        pass

    text = render_json(OrderedDict([("b", (np.float64(1 / 3), np.int64(7), {2, 1})), ("a", Code("x")),
                                    ("d", datetime.date(2025, 9, 1)), ("p", PurePosixPath("/a/b")), (5, True)]))
    assert json.loads(text) == {"5": True, "a": "x", "b": [0.333333, 7, [1, 2]], "d": "2025-09-01", "p": "/a/b"}


def test_summation_order_noise_is_rounded_away(result: dict[str, Any]) -> None:
    noisy = copy.deepcopy(result)
    ind = noisy["levels"]["primary"]["indicators"]["r1_qualified_teachers_per100"]
    ind["cv"] = ind["cv"] * (1 + 1e-13)
    assert render_json(noisy) == render_json(result)


def test_round_trips_to_the_same_data(result: dict[str, Any]) -> None:
    back = json.loads(render_json(result))
    assert back["district"]["name"] == "永川区"
    assert back["verdict"]["passes"] is False
    assert len(back["schools"]) == len(result["schools"])
