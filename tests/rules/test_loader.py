"""The rules loader: references required, dated values, overlays, listing, the CLI."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml

from youjun.cli.main import main
from youjun.core.params import LEVELS, AssessmentParams
from youjun.core.rule_errors import RULE_ERRORS, RulesError
from youjun.core.rules import (
    describe_ruleset,
    list_overlays,
    list_rulesets,
    load_ruleset,
    read_overlay,
    replace_value,
    rules_root,
)
from youjun.core.schema import B_KEYS, R_KEYS

R1 = "thresholds/r1_qualified_teachers_per100.yaml"


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    """A private copy of the repository's rules, safe to break."""
    target = tmp_path / "rules"
    shutil.copytree(rules_root(), target)
    return target


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data.get("values"), dict):  # YAML reads date keys as dates
        data["values"] = {str(k): v for k, v in data["values"].items()}
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _error(exc: pytest.ExceptionInfo[RulesError]) -> tuple[str, str, str]:
    return exc.value.code, exc.value.message("zh"), exc.value.message("en")


# --- the shipped rule sets -------------------------------------------------------------------

def test_2017_fills_every_field_from_the_document() -> None:
    p = load_ruleset("cn-2017", as_of=dt.date(2024, 9, 1))
    assert isinstance(p, AssessmentParams)
    assert (p.method, p.as_of, p.indicators) == ("cn-2017", "2024-09-01", R_KEYS)
    assert p.thresholds["r1_qualified_teachers_per100"] == {"primary": 4.2, "junior": 5.3}
    assert p.thresholds["r6_equipment_value_per_student"] == {"primary": 2000, "junior": 2500}
    assert (p.cv_limits, p.cv_mode) == ({"primary": 0.5, "junior": 0.45}, "each")
    assert (p.school_min_met, p.school_floor_ratio) == (6, 0.85)
    assert p.split_weights["twelve_year"] == {"primary": 1.0, "junior": 1.1, "senior": 1.32}
    assert (p.include_private, p.include_non_county_run, p.include_teaching_points) == (
        True, True, True)
    assert p.teaching_point_min_students == 50 and p.teaching_area_includes_gym is False
    assert p.qualification_min == {"primary": "associate", "junior": "bachelor"}
    assert (p.key_teacher_min_level, p.equipment_unit_yuan, p.cv_decimals) == ("county", 10000, 3)
    assert list(p.items)[:3] == ["g1", "g2", "g3"] and len(p.items) == 27
    assert p.items["g5"]["max_class"] == {"primary": 45, "junior": 50}
    assert p.items["social_recognition"]["min_percent"] == 85
    assert p.overlays == ()


def test_2012_is_composite_without_national_school_standards() -> None:
    p = load_ruleset("cn-2012", as_of="2015-01-01")
    assert p.indicators == B_KEYS and p.cv_mode == "composite"
    assert p.cv_limits == {"primary": 0.65, "junior": 0.55}
    assert p.thresholds == {} and p.school_min_met is None and p.school_floor_ratio is None
    assert (p.include_private, p.include_non_county_run, p.include_teaching_points) == (
        False, False, False)
    assert p.mid_title_min == "first" and p.key_teacher_min_level == ""


@pytest.mark.parametrize("name", ["cn-2017", "cn-2012"])
def test_every_value_has_a_complete_reference(name: str) -> None:
    p = load_ruleset(name)
    d = describe_ruleset(name)
    assert {v.path for v in d.values} <= set(p.references)
    for path, ref in p.references.items():
        assert ref.document and ref.number and ref.article, path
        assert ref.confidence in ("C", "M", "U"), path
        assert dt.date.fromisoformat(ref.effective), path
        assert ref.source_file.endswith(".yaml"), path
    uncertain = {v.option for v in d.values if v.reference.confidence == "U"}
    assert uncertain == set(p.options)


def test_uncertain_values_are_options_in_force() -> None:
    p = load_ruleset("cn-2017")
    assert p.options["teaching_point_min_students"] == 50
    assert p.options["include_non_county_run"] is True
    assert p.options["teaching_area_includes_gym"] is False
    assert p.options["g11.eligible_min_years"] == 6
    assert "split_weights" in p.options
    assert "include_private" not in p.options  # confirmed, not an option
    assert p.references["scope.include_private"].confidence == "C"


def test_manifest_version_is_the_latest_change() -> None:
    for info in list_rulesets():
        latest = max(dt.date.fromisoformat(v.reference.effective)
                     for v in describe_ruleset(info.name).values)
        assert dt.date.fromisoformat(info.version) >= latest


def test_reference_of_a_value_names_its_file_and_date() -> None:
    ref = load_ruleset("cn-2017").references["thresholds.r1_qualified_teachers_per100.primary"]
    assert ref.number == "教督〔2017〕6号" and ref.effective == "2017-05-23"
    assert ref.source_file == f"rules/cn-2017/{R1}"


# --- failing loudly ---------------------------------------------------------------------------

def test_file_without_reference_fails_naming_the_file(rules: Path) -> None:
    _edit(rules / "cn-2017" / R1, lambda d: d.pop("reference"))
    with pytest.raises(RulesError) as exc:
        load_ruleset("cn-2017", rules_dir=rules)
    code, zh, en = _error(exc)
    assert code == "R104"
    assert "r1_qualified_teachers_per100.yaml" in zh and "r1_qualified_teachers_per100.yaml" in en
    assert "出处" in zh and "reference" in en


def test_value_without_reference_fails_naming_the_file_and_date(rules: Path) -> None:
    def change(d: dict) -> None:
        ref = d.pop("reference")
        d["values"]["2017-05-23"]["reference"] = ref
        d["values"]["2030-01-01"] = {"value": {"primary": 5.0, "junior": 6.0}}

    _edit(rules / "cn-2017" / R1, change)
    with pytest.raises(RulesError) as exc:
        load_ruleset("cn-2017", as_of="2024-01-01", rules_dir=rules)  # even if not in force
    code, zh, en = _error(exc)
    assert code == "R104" and "r1_qualified_teachers_per100.yaml" in zh and "2030-01-01" in en


@pytest.mark.parametrize(("field", "value", "word"), [
    ("number", "", "number"), ("confidence", "X", "confidence"), ("article", None, "article"),
])
def test_incomplete_reference_fails(rules: Path, field: str, value, word: str) -> None:
    _edit(rules / "cn-2017" / "cv_limits.yaml", lambda d: d["reference"].update({field: value}))
    with pytest.raises(RulesError) as exc:
        load_ruleset("cn-2017", rules_dir=rules)
    code, zh, en = _error(exc)
    assert code == "R105" and "cv_limits.yaml" in zh and word in en


def test_missing_description_fails(rules: Path) -> None:
    _edit(rules / "cn-2017" / "cv_limits.yaml", lambda d: d["description"].pop("en"))
    with pytest.raises(RulesError) as exc:
        load_ruleset("cn-2017", rules_dir=rules)
    assert _error(exc)[0] == "R106" and "cv_limits.yaml" in str(exc.value)


def test_bad_date_fails(rules: Path) -> None:
    _edit(rules / "cn-2017" / "cv_limits.yaml",
          lambda d: d.update(values={"23/05/2017": d["values"]["2017-05-23"]}))
    with pytest.raises(RulesError) as exc:
        load_ruleset("cn-2017", rules_dir=rules)
    assert _error(exc)[0] == "R107" and "23/05/2017" in str(exc.value)


def test_unknown_concept_and_unknown_key_fail(rules: Path) -> None:
    (rules / "cn-2017" / "thresholdz.yaml").write_text(
        (rules / "cn-2017" / "cv_limits.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(RulesError) as exc:
        load_ruleset("cn-2017", rules_dir=rules)
    assert _error(exc)[0] == "R109" and "thresholdz.yaml" in str(exc.value)
    (rules / "cn-2017" / "thresholdz.yaml").unlink()
    _edit(rules / "cn-2017" / "cv_limits.yaml", lambda d: d.update(valeus=1))
    with pytest.raises(RulesError, match="valeus"):
        load_ruleset("cn-2017", rules_dir=rules)


def test_per_key_reference_must_name_a_key_of_the_value(rules: Path) -> None:
    _edit(rules / "cn-2017" / "scope.yaml",
          lambda d: d["references"].update(include_privat={"confidence": "U"}))
    with pytest.raises(RulesError, match="include_privat"):
        load_ruleset("cn-2017", rules_dir=rules)


def test_wrong_value_type_fails_naming_the_file(rules: Path) -> None:
    _edit(rules / "cn-2017" / R1, lambda d: d["values"]["2017-05-23"].update(
        value={"primary": "4.2 人", "junior": 5.3}))
    with pytest.raises(RulesError) as exc:
        load_ruleset("cn-2017", rules_dir=rules)
    assert _error(exc)[0] == "R109" and "r1_qualified_teachers_per100.yaml" in str(exc.value)


def test_missing_required_item_figure_fails(rules: Path) -> None:
    _edit(rules / "cn-2017" / "items" / "g5.yaml",
          lambda d: d["values"]["2017-05-23"].update(value={"max_klass": {"primary": 45}}))
    with pytest.raises(RulesError) as exc:
        load_ruleset("cn-2017", rules_dir=rules)
    assert _error(exc)[0] in ("R108", "R111") and "items.g5.max_class" in str(exc.value)


def test_missing_item_file_listed_in_the_manifest_fails(rules: Path) -> None:
    (rules / "cn-2017" / "items" / "q9.yaml").unlink()
    with pytest.raises(RulesError) as exc:
        load_ruleset("cn-2017", rules_dir=rules)
    assert _error(exc)[0] == "R111" and "items.q9" in str(exc.value)


def test_unknown_ruleset_lists_the_available_ones() -> None:
    with pytest.raises(RulesError) as exc:
        load_ruleset("cn-2099")
    assert _error(exc)[0] == "R102" and "cn-2017" in str(exc.value)


# --- dates ------------------------------------------------------------------------------------

def test_as_of_before_2017_method_is_a_clear_error() -> None:
    with pytest.raises(RulesError) as exc:
        load_ruleset("cn-2017", as_of=dt.date(2017, 5, 22))
    code, zh, en = _error(exc)
    assert code == "R108" and "2017-05-23" in zh and "2017-05-22" in en
    assert load_ruleset("cn-2017", as_of=dt.date(2017, 5, 23)).as_of == "2017-05-23"


def test_a_later_dated_value_takes_over_on_its_date(rules: Path) -> None:
    def change(d: dict) -> None:
        d["values"]["2030-01-01"] = {"value": {"primary": 4.5, "junior": 5.5},
                                     "reference": {"number": "教督〔2029〕1号",
                                                   "article": "资源配置 第1项（修订）"}}

    _edit(rules / "cn-2017" / R1, change)
    before = load_ruleset("cn-2017", as_of="2029-12-31", rules_dir=rules)
    after = load_ruleset("cn-2017", as_of="2030-01-01", rules_dir=rules)
    key = "thresholds.r1_qualified_teachers_per100.primary"
    assert before.thresholds["r1_qualified_teachers_per100"]["primary"] == 4.2
    assert after.thresholds["r1_qualified_teachers_per100"]["primary"] == 4.5
    assert after.references[key].number == "教督〔2029〕1号"
    assert after.references[key].document == before.references[key].document  # inherited
    assert after.references[key].effective == "2030-01-01"


def test_a_concept_not_yet_in_force_is_named(rules: Path) -> None:
    _edit(rules / "cn-2017" / "cv_limits.yaml",
          lambda d: d.update(values={"2025-01-01": d["values"]["2017-05-23"]}))
    with pytest.raises(RulesError) as exc:
        load_ruleset("cn-2017", as_of="2024-06-01", rules_dir=rules)
    code, zh, _ = _error(exc)
    assert code == "R108" and "cv_limits" in zh and "2025-01-01" in zh


# --- overlays ---------------------------------------------------------------------------------

def test_overlay_changes_a_value_and_is_recorded() -> None:
    base = load_ruleset("cn-2017", as_of="2024-09-01")
    p = load_ruleset("cn-2017", as_of="2024-09-01", overlays=["example-province"])
    assert base.teaching_point_min_students == 50 and p.teaching_point_min_students == 30
    assert p.overlays == ("example-province",)
    ref = p.references["scope.teaching_point_min_students"]
    assert ref.number == "示教督〔2019〕1号" and ref.article == "第二条（评估范围）"
    assert ref.source_file == "rules/overlays/example-province.yaml"
    # the rest of scope.yaml is untouched, and a confirmed provincial value is no longer [U]
    assert p.include_private is True and p.include_non_county_run is True
    assert "teaching_point_min_students" not in p.options
    assert "include_non_county_run" in p.options


def test_overlay_not_yet_in_force_changes_nothing() -> None:
    p = load_ruleset("cn-2017", as_of="2019-08-31", overlays=["example-province"])
    assert p.teaching_point_min_students == 50 and p.overlays == ("example-province",)


def test_overlay_adds_2012_school_standards() -> None:
    p = load_ruleset("cn-2012", as_of="2014-01-01", overlays=["rules/overlays/example-province.yaml"])
    assert p.thresholds["b5_books_per_student"] == {"primary": 25, "junior": 40}
    assert (p.school_min_met, p.school_floor_ratio) == (2, 0.6)
    assert p.references["school_compliance.min_met"].confidence == "C"


def test_overlay_value_without_reference_fails_naming_the_overlay(tmp_path: Path) -> None:
    overlay = tmp_path / "bad.yaml"
    overlay.write_text(yaml.safe_dump({
        "name": "bad", "title": {"zh": "坏", "en": "bad"},
        "changes": {"cn-2017": {"cv_limits.primary": {"values": {"2020-01-01": {"value": 0.4}}}}},
    }), encoding="utf-8")
    with pytest.raises(RulesError) as exc:
        load_ruleset("cn-2017", overlays=[overlay])
    assert _error(exc)[0] == "R104" and "bad.yaml" in str(exc.value)


def test_overlay_for_another_rule_set_fails(tmp_path: Path) -> None:
    overlay = tmp_path / "only2012.yaml"
    raw = yaml.safe_load((rules_root() / "overlays" / "example-province.yaml").read_text("utf-8"))
    raw["changes"].pop("cn-2017")
    overlay.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RulesError) as exc:
        load_ruleset("cn-2017", overlays=[overlay])
    assert _error(exc)[0] == "R110" and "cn-2017" in str(exc.value)


def test_overlay_with_invalid_value_is_rejected(tmp_path: Path) -> None:
    overlay = tmp_path / "typo.yaml"
    overlay.write_text(yaml.safe_dump({
        "name": "typo", "title": {"zh": "错", "en": "typo"},
        "reference": {"document": "示例", "number": "示〔2020〕1号", "article": "一", "confidence": "C"},
        "changes": {"cn-2017": {"thresholds.r9_unknown": {
            "values": {"2020-01-01": {"value": {"primary": 1}}}}}},
    }, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RulesError) as exc:
        load_ruleset("cn-2017", overlays=[overlay])
    assert _error(exc)[0] == "R109" and "r9_unknown" in str(exc.value)


def test_read_overlay_lists_its_changes() -> None:
    overlay = read_overlay("example-province")
    assert overlay.paths_for("cn-2017") == ("scope.teaching_point_min_students",)
    assert "school_compliance" in overlay.paths_for("cn-2012")


# --- locating, listing, describing ------------------------------------------------------------

def test_rules_dir_from_the_environment(rules: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _edit(rules / "cn-2017" / "cv_limits.yaml",
          lambda d: d["values"]["2017-05-23"]["value"].update(primary=0.49))
    monkeypatch.setenv("YOUJUN_RULES_DIR", str(rules))
    assert rules_root() == rules
    assert load_ruleset("cn-2017").cv_limits["primary"] == 0.49


def test_a_rule_set_can_be_named_by_path() -> None:
    p = load_ruleset(str(rules_root() / "cn-2012"))
    assert p.method == "cn-2012"


def test_list_rulesets_and_overlays() -> None:
    infos = {i.name: i for i in list_rulesets()}
    assert infos["cn-2017"].reference.number == "教督〔2017〕6号"
    assert infos["cn-2017"].effective == "2017-05-23"
    assert infos["cn-2012"].effective == "2012-01-20"
    assert [o.name for o in list_overlays()] == ["example-province"]


def test_describe_gives_each_value_with_reference_and_description() -> None:
    d = describe_ruleset("cn-2017", overlays=["example-province"])
    by_path = {v.path: v for v in d.values}
    r1 = by_path["thresholds.r1_qualified_teachers_per100.junior"]
    assert r1.value == 5.3 and r1.description_zh and r1.description_en
    tp = by_path["scope.teaching_point_min_students"]
    assert tp.value == 30 and tp.overlay == "example-province" and not tp.option
    assert by_path["items.g11.eligible_min_years"].option == "g11.eligible_min_years"
    paths = [v.path for v in d.values]
    assert paths.index("items.g2.evidence") < paths.index("items.g10.evidence")


def test_replace_value_for_what_if() -> None:
    p = load_ruleset("cn-2017")
    q = replace_value(p, "items.g5.max_class.primary", 40)
    assert q.items["g5"]["max_class"] == {"primary": 40, "junior": 50}
    assert p.items["g5"]["max_class"]["primary"] == 45
    assert replace_value(p, "cv_limits.junior", 0.4).cv_limits == {"primary": 0.5, "junior": 0.4}
    assert replace_value(p, "scope.include_private", False).include_private is False
    with pytest.raises(KeyError):
        replace_value(p, "nothing.here", 1)


def test_error_catalogue_is_bilingual() -> None:
    for spec in RULE_ERRORS.values():
        assert spec.code.startswith("R") and spec.message_zh and spec.message_en
        assert spec.hint_zh and spec.hint_en
    err = RulesError("R104", file="rules/x.yaml", path="a.b")
    assert err.to_dict()["message"]["en"].startswith("Rule file rules/x.yaml")


def test_params_are_frozen() -> None:
    p = load_ruleset("cn-2017")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.method = "x"  # type: ignore[misc]
    assert set(LEVELS) == set(p.cv_limits)


# --- the command line -------------------------------------------------------------------------

def test_cli_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "list"]) == 0
    out = capsys.readouterr().out
    assert "cn-2017" in out and "教督〔2017〕6号" in out and "example-province" in out
    assert main(["rules", "show", "cn-2017", "--overlay", "example-province"]) == 0
    out = capsys.readouterr().out
    assert "thresholds.r1_qualified_teachers_per100.primary = 4.2" in out
    assert "资源配置 第1项" in out and "example-province" in out
    assert "include_non_county_run = true" in out


def test_cli_show_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "show", "cn-2012", "--json", "--as-of", "2015-01-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "cn-2012" and data["as_of"] == "2015-01-01"
    assert {v["path"] for v in data["values"]} >= {"cv_limits.primary", "cv_limits.junior"}


def test_cli_show_too_early_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "show", "cn-2017", "--as-of", "2016-12-31"]) == 2
    err = capsys.readouterr().err
    assert "R108" in err and "2017-05-23" in err


def test_cli_test_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "test"]) == 0
    out = capsys.readouterr().out
    assert "cn-2017" in out and "cn-2012" in out and "0 失败 failed" in out
    assert main(["rules", "test", "cn-2012", "--overlay", "example-province"]) == 0
    assert "跳过 skipped" in capsys.readouterr().out


def test_cli_test_exits_1_when_a_rule_changes(rules: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    _edit(rules / "cn-2017" / "items" / "g5.yaml",
          lambda d: d["values"]["2017-05-23"]["value"]["max_class"].update(primary=46))
    assert main(["rules", "test", "cn-2017", "--rules-dir", str(rules)]) == 1
    out = capsys.readouterr().out
    assert "FAILED" in out and "primary class of 46 fails" in out


def test_cli_test_exits_1_on_a_wrong_expectation(rules: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _edit(rules / "cn-2012" / "tests" / "composite_cv.yaml",
          lambda d: d["cases"][0]["expect"].update(passes=False))
    assert main(["rules", "test", "--rules-dir", str(rules)]) == 1
    assert main(["rules", "test", "cn-2017", "--rules-dir", str(rules)]) == 0
    capsys.readouterr()


def test_cli_test_reports_a_broken_rule_file(rules: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (rules / "cn-2017" / "cv_limits.yaml").write_text("values: [unclosed", encoding="utf-8")
    assert main(["rules", "test", "cn-2017", "--rules-dir", str(rules)]) == 2
    assert "cv_limits.yaml" in capsys.readouterr().err
