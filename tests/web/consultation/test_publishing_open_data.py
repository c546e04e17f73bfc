"""Open data: one row per public item and one per meeting, in CSV (UTF-8 with BOM, formulas
neutralised) and JSON (valid against the committed JSON Schema), exactly the documented
fields, and no personal data or residents' text."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from django.test import Client

from tests.web.consultation.cworld import CWorld
from tests.web.consultation.test_publishing_world import (
    HOSTILE_TITLE,
    SECRET_NAME,
    SECRET_PHONE,
    SECRET_RESIDENT,
    build_year,
)
from youjun.web.apps.consultation import open_data

ROOT = Path(__file__).resolve().parents[3]
SCHEMA = json.loads((ROOT / "docs" / "schemas" / "consultation-open-data.schema.json").read_text("utf-8"))
DOC = (ROOT / "docs" / "consultation-open-data.md").read_text("utf-8")
JSON_TYPES = {"string": str, "integer": int, "array": list, "object": dict, "null": type(None)}


def validate(value: Any, schema: dict[str, Any], root: dict[str, Any], where: str = "$") -> list[str]:
    """The JSON Schema keywords the committed schema uses (type, enum, const, pattern, minimum,
    maximum, required, properties, additionalProperties, items, oneOf, $ref): every error."""
    if "$ref" in schema:
        node: Any = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        return validate(value, node, root, where)
    errors: list[str] = []
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(isinstance(value, JSON_TYPES[t]) and not (t == "integer" and isinstance(value, bool)) for t in types)
        if not ok:
            return [f"{where}: {value!r} is not {types}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} is not {schema['const']!r}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: {value} < {schema['minimum']}")
    if isinstance(value, int) and "maximum" in schema and value > schema["maximum"]:
        errors.append(f"{where}: {value} > {schema['maximum']}")
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{where}: {key} missing")
        props = schema.get("properties", {})
        for key, v in value.items():
            if key in props:
                errors += validate(v, props[key], root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: {key} is not in the schema")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            errors += validate(v, schema["items"], root, f"{where}[{i}]")
    if "oneOf" in schema:
        found = [validate(value, s, root, where) for s in schema["oneOf"]]
        if sum(1 for f in found if not f) != 1:
            errors.append(f"{where}: matches {sum(1 for f in found if not f)} of oneOf")
            errors += [e for f in found for e in f]
    return errors


def test_the_validator_catches_what_the_schema_forbids() -> None:
    bad = {"$schema": "x", "dataset": "items", "generated_at": "t", "fields": [],
           "rows": [{"number": 5, "secret": "x"}]}
    errors = validate(bad, SCHEMA, SCHEMA)
    assert any("number" in e for e in errors) and any("secret" in e for e in errors)


def _get(query: str) -> Any:
    return Client().get(f"/consult/open-data/{query}")


def test_json_exports_validate_against_the_schema(cworld: CWorld) -> None:
    build_year(cworld)
    for dataset in ("items", "meetings"):
        r = _get(f"?format=json&dataset={dataset}")
        assert r.status_code == 200 and r["Content-Type"].startswith("application/json")
        doc = json.loads(r.content)
        assert validate(doc, SCHEMA, SCHEMA) == [], dataset
        assert doc["rows"], dataset
    items = json.loads(_get("?format=json").content)["rows"]
    assert len(items) == 10
    joint = next(r for r in items if r["title"] == "跨界灌溉渠")
    assert joint["joint_bodies"] == ["neijiang"] and joint["body"] == "rongchang"
    closed = [r for r in items if r["state"] == "closed"]
    assert len(closed) == 6 and all(r["days_to_solve"] is not None for r in closed)
    reopened = next(r for r in items if r["title"] == "教室灯光太暗")
    assert reopened["reopen_count"] == 1 and reopened["ratings_not_satisfied"] == 1
    meetings = json.loads(_get("?format=json&dataset=meetings").content)["rows"]
    first = next(m for m in meetings if m["venue"] == "courtyard" and m["items"] == 2)
    assert (first["attendees_members"], first["attendees_residents"], first["attendees_officials"],
            first["attendees_total"]) == (1, 1, 1, 3)
    border = next(m for m in meetings if m["venue"] == "cross_border")
    assert border["body"] == "neijiang" and border["joint_bodies"] == ["rongchang"]


def test_the_docs_and_the_schema_list_exactly_the_exported_fields(cworld: CWorld) -> None:
    build_year(cworld)
    for dataset, heading in (("items", "## 议题 / items"), ("meetings", "## 协商活动 / meetings")):
        section = DOC.split(heading, 1)[1].split("\n## ", 1)[0]
        documented = re.findall(r"^\| `(\w+)` \|", section, re.M)
        exported = list(json.loads(_get(f"?format=json&dataset={dataset}").content)["rows"][0])
        assert documented == exported, dataset
        header = next(csv.reader(io.StringIO(_get(f"?dataset={dataset}").content.decode("utf-8-sig"))))
        assert header == exported
        assert list(SCHEMA["$defs"]["item" if dataset == "items" else "meeting"]["properties"]) == exported


def test_csv_has_a_bom_and_neutralises_formulas(cworld: CWorld) -> None:
    build_year(cworld)
    r = _get("?format=csv")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    assert 'filename="consultation-items.csv"' in r["Content-Disposition"]
    assert r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    hostile = next(row for row in rows if "HYPERLINK" in row["title"])
    assert hostile["title"] == "'" + HOSTILE_TITLE
    assert not any(v.startswith(("=", "+", "-", "@")) for row in rows for v in row.values())
    assert open_data.neutralise("@SUM(A1)") == "'@SUM(A1)" and open_data.neutralise("路灯") == "路灯"


def test_no_personal_data_no_resident_text_no_hidden_items(cworld: CWorld) -> None:
    year = build_year(cworld)
    year.joint.hidden = True
    year.joint.save()
    for query in ("?format=csv", "?format=json", "?dataset=meetings&format=csv", "?dataset=meetings&format=json"):
        body = _get(query).content.decode("utf-8-sig")
        for secret in (SECRET_NAME, SECRET_PHONE, SECRET_RESIDENT, "委员甲", "晚自习放学时路口太黑", "路灯已修复",
                       "还是不亮", "跨界灌溉渠"):
            assert secret not in body, (query, secret)


def test_filters_and_wrong_choices(cworld: CWorld) -> None:
    year = build_year(cworld)
    nj = json.loads(_get("?format=json&body=neijiang").content)["rows"]
    assert [r["title"] for r in nj] == ["跨界灌溉渠"]
    assert json.loads(_get(f"?format=json&year={year.today.year}").content)["rows"]
    for query, code in (("?format=xml", "E920"), ("?dataset=people", "E921"), ("?year=1900", "E922"),
                        ("?body=nowhere", "E923")):
        r = _get(query)
        assert r.status_code == 400 and code in r.content.decode(), query
    assert Client().post("/consult/open-data/").status_code == 405
