"""Load a rule set (law as data) into ``AssessmentParams``.

A rule set is a directory under ``rules/`` (``cn-2017``, ``cn-2012``): a manifest
``ruleset.yaml`` and one YAML file per concept (``thresholds/r1_….yaml``, ``cv_limits.yaml``,
``items/g5.yaml`` …). Each concept file has a bilingual description, a reference and
``values`` keyed by effective date; the value in force on ``as_of`` is the one with the
latest date not after it. A value without a reference does not load. Province overlays
replace or add values (with their own references). The file format is documented in
``docs/rules.md``.

Only the standard library and PyYAML: the core stays free of frameworks.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from youjun.core.params import LEVELS, AssessmentParams, Reference
from youjun.core.rule_errors import RulesError
from youjun.core.schema import (
    AWARD_LEVEL_RANK,
    B_KEYS,
    COMBINED_TYPES,
    QUALIFICATION_RANK,
    R_KEYS,
    TITLE_RANK,
    TYPE_SECTIONS,
)

RULES_DIR_ENV = "YOUJUN_RULES_DIR"
MANIFEST = "ruleset.yaml"
TESTS_DIR = "tests"
OVERLAYS_DIR = "overlays"

# The first segment of every value path; a file outside these is a typo, not a new law.
ROOTS = ("thresholds", "cv_limits", "school_compliance", "scope", "split_weights",
         "measurement", "options", "items", "social_recognition")
# Roots whose name is dropped from an option's name ("scope.x" is reported as option "x").
_OPTION_NAME_DROPS = ("scope", "options", "items", "measurement")
ITEM_KEYS = (*(f"g{i}" for i in range(1, 16)), *(f"q{i}" for i in range(1, 10)),
             "social_recognition", "vetoes", "pre_basic_balance")
CONFIDENCES = ("C", "M", "U")
_REF_REQUIRED = ("document", "number", "article")
_REF_KEYS = (*_REF_REQUIRED, "confidence", "note", "url")
_FILE_KEYS = ("description", "reference", "references", "values", "unit", "note")
_ENTRY_KEYS = ("value", "reference", "references", "note")
_MANIFEST_KEYS = ("name", "title", "method", "version", "effective", "levels", "indicators",
                  "items", "description", "reference", "note")
_OVERLAY_KEYS = ("name", "title", "description", "reference", "changes", "tests", "note")


# --- public results --------------------------------------------------------------------------

@dataclass(frozen=True)
class RulesetInfo:
    name: str
    title_zh: str
    title_en: str
    method: str
    version: str
    effective: str
    path: Path
    reference: Reference


@dataclass(frozen=True)
class RuleValue:
    """One value in force, with where it comes from (for ``youjun rules show`` and reports)."""

    path: str  # e.g. "thresholds.r1_qualified_teachers_per100.primary"
    value: Any
    reference: Reference
    description_zh: str
    description_en: str
    note: str = ""
    option: str = ""  # the option's name when the value is uncertain [U]
    overlay: str = ""  # the overlay that set it, if any


@dataclass(frozen=True)
class RulesetDescription:
    info: RulesetInfo
    as_of: str
    values: tuple[RuleValue, ...]
    options: dict[str, Any]
    overlays: tuple[str, ...]


@dataclass(frozen=True)
class OverlayInfo:
    name: str
    title_zh: str
    title_en: str
    path: Path
    rulesets: tuple[str, ...]


# --- locating files --------------------------------------------------------------------------

def _looks_like_rules_dir(path: Path) -> bool:
    return path.is_dir() and any(path.glob(f"*/{MANIFEST}"))


def rules_root(rules_dir: Path | str | None = None) -> Path:
    """The directory holding the rule sets: explicit, ``$YOUJUN_RULES_DIR``, or the checkout's.

    Walking up from this module finds ``rules/`` at the repository root when running from a
    checkout (editable install or source tree).
    """
    tried: list[str] = []
    for candidate in (rules_dir, os.environ.get(RULES_DIR_ENV)):
        if candidate:
            path = Path(candidate).expanduser()
            if _looks_like_rules_dir(path):
                return path
            tried.append(str(path))
    for parent in Path(__file__).resolve().parents:
        path = parent / "rules"
        if _looks_like_rules_dir(path):
            return path
        tried.append(str(path))
    raise RulesError("R101", value=", ".join(tried[:4]))


def find_ruleset_dir(name_or_path: str | Path, rules_dir: Path | str | None) -> Path:
    """A rule-set name under the rules root, or a path (to its directory or its manifest)."""
    text = str(name_or_path)
    if os.sep in text or "/" in text or Path(text).is_absolute():
        path = Path(text)
        path = path.parent if path.name == MANIFEST else path
        if (path / MANIFEST).is_file():
            return path
        raise RulesError("R102", value=text, expected=f"a directory with {MANIFEST}")
    root = rules_root(rules_dir)
    if (root / text / MANIFEST).is_file():
        return root / text
    available = ", ".join(sorted(p.parent.name for p in root.glob(f"*/{MANIFEST}")))
    raise RulesError("R102", value=text, expected=available)


def _display(path: Path, base: Path | None = None) -> str:
    """A file name that makes sense in a message: ``rules/cn-2017/cv_limits.yaml``."""
    for root in ((base,) if base is not None else ()) + (Path.cwd(),):
        try:
            return str(path.resolve().relative_to(root.resolve()))
        except ValueError:
            continue
    return str(path)


# libyaml's loader where PyYAML was built with it (its wheels are): the same values, ten times
# faster than the pure-Python one (122 rule files: 1.38 s -> 0.13 s).
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Parsed rule files by (path, inode, size, modification time): a page that judges every school
# asks for the same few files hundreds of times. Each caller gets its own copy.
_PARSED: dict[tuple[str, int, int, int], Any] = {}


def read_yaml(path: Path) -> Any:
    try:
        st = path.stat()
        key = (str(path), st.st_ino, st.st_size, st.st_mtime_ns)
        if key not in _PARSED:
            with path.open(encoding="utf-8") as fh:
                parsed = yaml.load(fh, Loader=_LOADER)  # a safe loader (CSafeLoader or SafeLoader)
            if len(_PARSED) > 512:
                _PARSED.clear()
            _PARSED[key] = parsed
        return copy.deepcopy(_PARSED[key])
    except (OSError, yaml.YAMLError) as exc:
        raise RulesError("R103", file=str(path), detail=str(exc).replace("\n", " ")) from exc


# --- one concept file: description, references, dated values -------------------------------

@dataclass(frozen=True)
class _Entry:
    effective: dt.date
    value: Any
    refs: dict[str, tuple[Reference, str]]  # leaf -> (reference, where its confidence was set)
    note: str


@dataclass(frozen=True)
class _Concept:
    path: str
    file: str
    description: dict[str, str]
    note: str
    entries: tuple[_Entry, ...]  # sorted by date
    overlay: str = ""

    def in_force(self, as_of: dt.date) -> _Entry | None:
        found = None
        for entry in self.entries:
            if entry.effective <= as_of:
                found = entry
        return found


def _leaves(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(relative key, leaf) pairs; a scalar or list is its own leaf with key ""."""
    if isinstance(value, Mapping) and value:
        for key, sub in value.items():
            yield from _leaves(sub, f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix, value


def _prefixes(key: str) -> list[str]:
    parts = key.split(".") if key else []
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _as_date(raw: Any, file: str) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise RulesError("R107", file=file, value=raw) from None


def _check_keys(raw: Mapping[str, Any], allowed: Sequence[str], file: str, path: str) -> None:
    unknown = [str(k) for k in raw if k not in allowed]
    if unknown:
        raise RulesError("R109", file=file, path=path,
                         detail=f"unknown key(s) {unknown}; allowed {list(allowed)}")


def _ref_part(raw: Any, file: str, path: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise RulesError("R105", file=file, path=path, detail="reference (not a mapping)")
    _check_keys(raw, _REF_KEYS, file, f"{path} reference")
    return dict(raw)


def _per_key_refs(raw: Any, file: str, path: str) -> dict[str, dict[str, Any]]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise RulesError("R105", file=file, path=path, detail="references (not a mapping)")
    return {str(k): _ref_part(v, file, f"{path}.{k}") for k, v in raw.items()}


def _make_reference(parts: Sequence[tuple[dict[str, Any], str]], effective: dt.date, file: str,
                    path: str) -> tuple[Reference, str]:
    """Merge reference parts (general to specific); say where the confidence was set."""
    merged: dict[str, Any] = {}
    confidence_from = ""
    for part, origin in parts:
        merged.update(part)
        if "confidence" in part:
            confidence_from = origin
    if not merged:
        raise RulesError("R104", file=file, path=path)
    missing = [k for k in _REF_REQUIRED if not str(merged.get(k) or "").strip()]
    if missing:
        raise RulesError("R105", file=file, path=path, detail=", ".join(missing))
    confidence = str(merged.get("confidence", "")).strip()
    if confidence not in CONFIDENCES:
        raise RulesError("R105", file=file, path=path, detail=f"confidence {confidence!r}")
    ref = Reference(
        document=str(merged["document"]), number=str(merged["number"]),
        article=str(merged["article"]), effective=effective.isoformat(),
        confidence=confidence, source_file=file,
    )
    return ref, confidence_from


def _description(raw: Any, file: str, required: bool) -> dict[str, str]:
    if raw is None and not required:
        return {}
    if not isinstance(raw, Mapping) or not str(raw.get("zh") or "").strip() \
            or not str(raw.get("en") or "").strip():
        raise RulesError("R106", file=file)
    return {"zh": str(raw["zh"]).strip(), "en": str(raw["en"]).strip()}


def _parse_concept(raw: Any, path: str, file: str, *, default_ref: dict[str, Any] | None = None,
                   need_description: bool = True, overlay: str = "") -> _Concept:
    if not isinstance(raw, Mapping):
        raise RulesError("R109", file=file, path=path, detail="the file must be a mapping")
    _check_keys(raw, _FILE_KEYS, file, path)
    description = _description(raw.get("description"), file, need_description)
    file_ref = _ref_part(raw.get("reference"), file, path)
    file_refs = _per_key_refs(raw.get("references"), file, path)
    values = raw.get("values")
    if not isinstance(values, Mapping) or not values:
        raise RulesError("R109", file=file, path=path,
                         detail="'values' must map effective dates to {value: …}")
    entries: list[_Entry] = []
    all_prefixes: set[str] = set()
    for raw_date, raw_entry in values.items():
        effective = _as_date(raw_date, file)
        where = f"{path} @ {effective.isoformat()}"
        if not isinstance(raw_entry, Mapping) or "value" not in raw_entry:
            raise RulesError("R109", file=file, path=where,
                             detail="each dated entry needs a 'value' (and may have a reference)")
        _check_keys(raw_entry, _ENTRY_KEYS, file, where)
        entry_ref = _ref_part(raw_entry.get("reference"), file, where)
        entry_refs = _per_key_refs(raw_entry.get("references"), file, where)
        refs: dict[str, tuple[Reference, str]] = {}
        for key, _leaf in _leaves(raw_entry["value"]):
            prefixes = _prefixes(key)
            all_prefixes.update(prefixes)
            parts = [(default_ref or {}, ""), (file_ref, "")]
            parts += [(file_refs[p], p) for p in prefixes if p in file_refs]
            parts.append((entry_ref, ""))
            parts += [(entry_refs[p], p) for p in prefixes if p in entry_refs]
            leaf_path = f"{path}.{key}" if key else path
            refs[key] = _make_reference(parts, effective, file, f"{leaf_path} @ {effective}")
        for k in entry_refs:
            if k not in {p for key in refs for p in _prefixes(key)}:
                raise RulesError("R109", file=file, path=where,
                                 detail=f"'references' names {k!r}, which is not in the value")
        entries.append(_Entry(effective, raw_entry["value"], refs, str(raw_entry.get("note") or "")))
    for k in file_refs:
        if k not in all_prefixes:
            raise RulesError("R109", file=file, path=path,
                             detail=f"'references' names {k!r}, which no value has")
    entries.sort(key=lambda e: e.effective)
    return _Concept(path, file, description, str(raw.get("note") or ""), tuple(entries), overlay)


def _concept_path(rel: Path) -> str:
    return ".".join(rel.with_suffix("").parts)


def _read_concepts(ruleset_dir: Path) -> list[_Concept]:
    concepts = []
    for file in sorted(ruleset_dir.rglob("*.yaml")):
        rel = file.relative_to(ruleset_dir)
        if rel.parts[0] == TESTS_DIR or rel.name == MANIFEST:
            continue
        path = _concept_path(rel)
        display = _display(file, ruleset_dir.parent.parent)
        if rel.parts[0].removesuffix(".yaml") not in ROOTS:
            raise RulesError("R109", file=display, path=path,
                             detail=f"unknown concept; a rule file belongs under one of {ROOTS}")
        concepts.append(_parse_concept(read_yaml(file), path, display))
    return concepts


# --- manifest and overlays ------------------------------------------------------------------

def _read_manifest(ruleset_dir: Path) -> tuple[RulesetInfo, dict[str, Any]]:
    file = ruleset_dir / MANIFEST
    display = _display(file, ruleset_dir.parent.parent)
    raw = read_yaml(file)
    if not isinstance(raw, Mapping):
        raise RulesError("R109", file=display, path="ruleset", detail="not a mapping")
    _check_keys(raw, _MANIFEST_KEYS, display, "ruleset")
    for key in ("name", "title", "method", "version", "effective", "indicators", "reference"):
        if raw.get(key) in (None, "", []):
            raise RulesError("R109", file=display, path=f"ruleset.{key}", detail="missing")
    title = _description(raw["title"], display, True)
    effective = _as_date(raw["effective"], display)
    version = _as_date(raw["version"], display)
    ref, _ = _make_reference([(_ref_part(raw["reference"], display, "ruleset"), "")], effective,
                             display, "ruleset")
    info = RulesetInfo(str(raw["name"]), title["zh"], title["en"], str(raw["method"]),
                       version.isoformat(), effective.isoformat(), ruleset_dir, ref)
    if info.name != ruleset_dir.name:
        raise RulesError("R109", file=display, path="ruleset.name",
                         detail=f"{info.name!r} differs from the directory {ruleset_dir.name!r}")
    return info, dict(raw)


@dataclass(frozen=True)
class Overlay:
    name: str
    title_zh: str
    title_en: str
    path: Path
    changes: dict[str, tuple[_Concept, ...]]  # ruleset name -> concepts it sets
    tests: dict[str, list[Any]] = field(default_factory=dict)

    def paths_for(self, ruleset: str) -> tuple[str, ...]:
        return tuple(c.path for c in self.changes.get(ruleset, ()))


def _overlay_file(ref: str | Path, rules_dir: Path | str | None) -> Path:
    path = Path(ref)
    if path.is_file():
        return path
    candidate = rules_root(rules_dir) / OVERLAYS_DIR / f"{ref}.yaml"
    if candidate.is_file():
        return candidate
    raise RulesError("R110", file=str(ref), detail="no such file or overlay name")


def read_overlay(ref: str | Path, rules_dir: Path | str | None = None) -> Overlay:
    file = _overlay_file(ref, rules_dir)
    display = _display(file, file.parent.parent.parent if file.parent.name == OVERLAYS_DIR
                       else None)
    raw = read_yaml(file)
    if not isinstance(raw, Mapping):
        raise RulesError("R110", file=display, detail="the file must be a mapping")
    unknown = [str(k) for k in raw if k not in _OVERLAY_KEYS]
    if unknown:
        raise RulesError("R110", file=display, detail=f"unknown key(s) {unknown}")
    if not raw.get("name"):
        raise RulesError("R110", file=display, detail="'name' is missing")
    name = str(raw["name"])
    title = _description(raw.get("title"), display, True)
    default_ref = _ref_part(raw.get("reference"), display, "overlay")
    changes_raw = raw.get("changes")
    if not isinstance(changes_raw, Mapping) or not changes_raw:
        raise RulesError("R110", file=display,
                         detail="'changes' must map rule-set names to {value path: {values: …}}")
    changes: dict[str, tuple[_Concept, ...]] = {}
    for ruleset, blocks in changes_raw.items():
        if not isinstance(blocks, Mapping) or not blocks:
            raise RulesError("R110", file=display, detail=f"changes for {ruleset!r} are empty")
        concepts = []
        for path, block in blocks.items():
            if str(path).split(".")[0] not in ROOTS:
                raise RulesError("R110", file=display,
                                 detail=f"path {path!r} does not start with one of {ROOTS}")
            concepts.append(_parse_concept(block, str(path), display, default_ref=default_ref,
                                           need_description=False, overlay=name))
        changes[str(ruleset)] = tuple(concepts)
    tests_raw = raw.get("tests") or {}
    if not isinstance(tests_raw, Mapping):
        raise RulesError("R110", file=display, detail="'tests' must map rule-set names to cases")
    tests = {str(k): list(v or []) for k, v in tests_raw.items()}
    return Overlay(name, title["zh"], title["en"], file, changes, tests)


# --- resolving values in force ----------------------------------------------------------------

def _get_path(tree: Mapping[str, Any], path: str) -> Any:
    node: Any = tree
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def _set_path(tree: dict[str, Any], path: str, value: Any, *, merge: bool) -> None:
    parts = path.split(".")
    node = tree
    for part in parts[:-1]:
        nxt = node.get(part)
        if not isinstance(nxt, dict):
            nxt = {}
            node[part] = nxt
        node = nxt
    last = parts[-1]
    if merge and isinstance(node.get(last), dict) and isinstance(value, Mapping):
        for key, sub in value.items():
            _set_path(node[last], str(key), sub, merge=True)
    else:
        node[last] = copy.deepcopy(value)


def _option_name(concept_path: str, origin: str) -> str:
    full = f"{concept_path}.{origin}" if origin else concept_path
    root, _, rest = full.partition(".")
    return rest if root in _OPTION_NAME_DROPS and rest else full


@dataclass
class _Resolved:
    info: RulesetInfo
    manifest: dict[str, Any]
    as_of: dt.date
    tree: dict[str, Any] = field(default_factory=dict)
    records: dict[str, RuleValue] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    not_in_force: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (earliest, file)
    overlays: list[str] = field(default_factory=list)
    option_paths: dict[str, str] = field(default_factory=dict)  # option name -> value path

    def apply(self, concept: _Concept, entry: _Entry, *, merge: bool) -> None:
        if not merge:  # a whole concept replaced: forget the leaves it had
            for leaf in [p for p in self.records if p == concept.path
                         or p.startswith(concept.path + ".")]:
                del self.records[leaf]
        _set_path(self.tree, concept.path, entry.value, merge=merge)
        for key, _value in _leaves(entry.value):
            leaf_path = f"{concept.path}.{key}" if key else concept.path
            ref, origin = entry.refs[key]
            base = self.records.get(leaf_path)
            desc = concept.description or ({"zh": base.description_zh, "en": base.description_en}
                                           if base else {"zh": "", "en": ""})
            option = ""
            if ref.confidence == "U":
                option = _option_name(concept.path, origin)
                self.option_paths[option] = f"{concept.path}.{origin}" if origin else concept.path
            self.records[leaf_path] = RuleValue(
                leaf_path, _get_path(self.tree, leaf_path), ref, desc["zh"], desc["en"],
                entry.note or concept.note, option, concept.overlay,
            )

    def collect_options(self) -> None:
        """Options in force: the values still marked [U], named where the mark was written."""
        names = {rec.option for rec in self.records.values() if rec.option}
        self.options = {n: _get_path(self.tree, self.option_paths[n]) for n in sorted(names)}


def _resolve(name_or_path: str | Path, overlays: Sequence[str | Path], as_of: dt.date | None,
             rules_dir: Path | str | None) -> _Resolved:
    ruleset_dir = find_ruleset_dir(name_or_path, rules_dir)
    info, manifest = _read_manifest(ruleset_dir)
    when = as_of or dt.date.today()
    if when < dt.date.fromisoformat(info.effective):
        raise RulesError("R108", as_of=when.isoformat(), path=f"{info.name} (ruleset)",
                         expected=info.effective, file=_display(ruleset_dir / MANIFEST, ruleset_dir.parent.parent))
    resolved = _Resolved(info, manifest, when)
    for concept in _read_concepts(ruleset_dir):
        entry = concept.in_force(when)
        if entry is None:
            resolved.not_in_force[concept.path] = (concept.entries[0].effective.isoformat(),
                                                   concept.file)
            continue
        resolved.apply(concept, entry, merge=False)
    for ref in overlays:
        overlay = read_overlay(ref, rules_dir)
        if info.name not in overlay.changes:
            raise RulesError("R110", file=str(overlay.path),
                             detail=f"it has no changes for rule set {info.name!r} "
                                    f"(it covers {sorted(overlay.changes)})")
        for concept in overlay.changes[info.name]:
            entry = concept.in_force(when)
            if entry is not None:
                resolved.apply(concept, entry, merge=True)
        resolved.overlays.append(overlay.name)
    resolved.collect_options()
    return resolved


# --- from the value tree to AssessmentParams -------------------------------------------------

class _Fields:
    """Typed, validated reads from the resolved tree, each error naming the file."""

    def __init__(self, resolved: _Resolved):
        self.r = resolved

    def _file_of(self, path: str) -> str:
        record = self.r.records.get(path)
        if record is None:
            for leaf, rec in self.r.records.items():
                if leaf.startswith(path + "."):
                    record = rec
                    break
        return record.reference.source_file if record else str(self.r.info.path)

    def bad(self, path: str, detail: str) -> RulesError:
        return RulesError("R109", file=self._file_of(path), path=path, detail=detail)

    def get(self, path: str, *, required: bool = True) -> Any:
        value = _get_path(self.r.tree, path)
        if value is None and required:
            concept = next((p for p in self.r.not_in_force
                            if path == p or path.startswith(p + ".")), None)
            if concept is not None:
                earliest, file = self.r.not_in_force[concept]
                raise RulesError("R108", as_of=self.r.as_of.isoformat(), path=path,
                                 expected=earliest, file=file)
            raise RulesError("R111", file=str(self.r.info.path), path=path)
        return value

    def number(self, path: str, *, positive: bool = True) -> float:
        value = self.get(path)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.bad(path, f"{value!r} is not a number")
        if positive and not value > 0:
            raise self.bad(path, f"{value!r} must be greater than 0")
        return float(value)

    def integer(self, path: str, *, required: bool = True) -> int | None:
        value = self.get(path, required=required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.bad(path, f"{value!r} is not a whole number ≥ 0")
        return value

    def flag(self, path: str) -> bool:
        value = self.get(path)
        if not isinstance(value, bool):
            raise self.bad(path, f"{value!r} is not true/false")
        return value

    def code(self, path: str, allowed: Mapping[str, int], *, required: bool = True) -> str:
        value = self.get(path, required=required)
        if value is None:
            return ""
        if value not in allowed:
            raise self.bad(path, f"{value!r} is not one of {sorted(allowed)}")
        return str(value)

    def mapping(self, path: str, *, required: bool = True) -> dict[str, Any]:
        value = self.get(path, required=required)
        if value is None:
            return {}
        if not isinstance(value, Mapping):
            raise self.bad(path, "expected a mapping")
        return dict(value)


def _indicators(fields: _Fields) -> tuple[str, ...]:
    raw = fields.r.manifest["indicators"]
    known = set(R_KEYS) | set(B_KEYS)
    if not isinstance(raw, list) or any(k not in known for k in raw):
        raise RulesError("R109", file=_display(fields.r.info.path / MANIFEST, fields.r.info.path.parent.parent),
                         path="ruleset.indicators", detail=f"{raw!r}: use keys of {sorted(known)}")
    return tuple(raw)


def _thresholds(fields: _Fields, indicators: tuple[str, ...]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for key, by_level in fields.mapping("thresholds", required=False).items():
        path = f"thresholds.{key}"
        if key not in indicators:
            raise fields.bad(path, f"{key!r} is not an indicator of this rule set {indicators}")
        if not isinstance(by_level, Mapping):
            raise fields.bad(path, "expected {primary: …, junior: …}")
        out[key] = {}
        for level in by_level:
            if level not in LEVELS:
                raise fields.bad(f"{path}.{level}", f"level must be one of {LEVELS}")
            out[key][level] = fields.number(f"{path}.{level}")
    return out


def _cv_limits(fields: _Fields) -> tuple[dict[str, float], str]:
    raw = fields.mapping("cv_limits")
    mode = raw.get("mode")
    if mode not in ("each", "composite"):
        raise fields.bad("cv_limits.mode", f"{mode!r}: must be 'each' or 'composite'")
    limits = {}
    for level in raw:
        if level == "mode":
            continue
        if level not in LEVELS:
            raise fields.bad(f"cv_limits.{level}", f"level must be one of {LEVELS}")
        limits[level] = fields.number(f"cv_limits.{level}")
    return limits, str(mode)


def _school_rule(fields: _Fields, n_indicators: int) -> tuple[int | None, float | None]:
    min_met = fields.integer("school_compliance.min_met", required=False)
    if min_met is not None and not 1 <= min_met <= n_indicators:
        raise fields.bad("school_compliance.min_met", f"{min_met} is not within 1..{n_indicators}")
    floor = fields.get("school_compliance.floor_ratio", required=False)
    if floor is not None:
        floor = fields.number("school_compliance.floor_ratio")
        if floor > 1:
            raise fields.bad("school_compliance.floor_ratio", f"{floor} is above 1")
    return min_met, floor


def _split_weights(fields: _Fields) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    raw = fields.mapping("split_weights")
    for school_type, weights in raw.items():
        path = f"split_weights.{school_type}"
        if school_type not in COMBINED_TYPES:
            raise fields.bad(path, f"school type must be one of {COMBINED_TYPES}")
        if not isinstance(weights, Mapping) or set(weights) != set(TYPE_SECTIONS[school_type]):
            raise fields.bad(path, f"give a weight for each of {TYPE_SECTIONS[school_type]}")
        out[school_type] = {s: fields.number(f"{path}.{s}") for s in TYPE_SECTIONS[school_type]}
    return out


def _items(fields: _Fields) -> dict[str, dict[str, Any]]:
    from youjun.core.items import REQUIRED_PARAMS  # the judges say what each item needs

    items: dict[str, dict[str, Any]] = {}
    for key in fields.mapping("items", required=False):
        if key not in ITEM_KEYS:
            raise fields.bad(f"items.{key}", f"unknown item; items are {ITEM_KEYS}")
        items[key] = fields.mapping(f"items.{key}")
    recognition = fields.mapping("social_recognition", required=False)
    if recognition:
        items["social_recognition"] = recognition
    listed = fields.r.manifest.get("items") or []
    for key in listed:
        if key not in ITEM_KEYS:
            raise RulesError("R109", file=_display(fields.r.info.path / MANIFEST, fields.r.info.path.parent.parent),
                             path="ruleset.items", detail=f"unknown item {key!r}")
        if key not in items:
            fields.get(f"items.{key}" if key != "social_recognition" else key)
    order = {key: i for i, key in enumerate(listed)}
    items = dict(sorted(items.items(), key=lambda kv: (order.get(kv[0], len(order)),
                                                      ITEM_KEYS.index(kv[0]))))
    for key, figures in items.items():
        base = key if key == "social_recognition" else f"items.{key}"
        for name in REQUIRED_PARAMS.get(key, ()):
            if figures.get(name) is None:
                fields.get(f"{base}.{name}")  # raises: not in force, or missing
    return items


CV_COMPARE = ("rounded", "unrounded")


def _cv_rounding(f: _Fields) -> tuple[int, str]:
    """``measurement.cv_decimals``: a plain number of decimals (compared rounded), or
    ``{decimals: 3, compare: rounded | unrounded}`` where the comparison is an option."""
    raw = f.get("measurement.cv_decimals")
    if not isinstance(raw, Mapping):
        return int(f.integer("measurement.cv_decimals") or 0), "rounded"
    decimals = int(f.integer("measurement.cv_decimals.decimals") or 0)
    compare = f.get("measurement.cv_decimals.compare")
    if compare not in CV_COMPARE:
        raise f.bad("measurement.cv_decimals.compare", f"{compare!r} is not one of {CV_COMPARE}")
    return decimals, str(compare)


def _to_params(resolved: _Resolved) -> AssessmentParams:
    f = _Fields(resolved)
    indicators = _indicators(f)
    limits, mode = _cv_limits(f)
    min_met, floor = _school_rule(f, len(indicators))
    qualification = f.mapping("measurement.qualification_min")
    for level in LEVELS:
        f.code(f"measurement.qualification_min.{level}", QUALIFICATION_RANK)
    decimals, compare = _cv_rounding(f)
    references = {path: rec.reference for path, rec in resolved.records.items()}
    references["ruleset"] = resolved.info.reference
    return AssessmentParams(
        method=resolved.info.name,
        version=resolved.info.version,
        as_of=resolved.as_of.isoformat(),
        indicators=indicators,
        thresholds=_thresholds(f, indicators),
        cv_limits=limits,
        cv_mode=mode,
        school_min_met=min_met,
        school_floor_ratio=floor,
        split_weights=_split_weights(f),
        include_private=f.flag("scope.include_private"),
        include_non_county_run=f.flag("scope.include_non_county_run"),
        include_teaching_points=f.flag("scope.include_teaching_points"),
        teaching_point_min_students=f.integer("scope.teaching_point_min_students", required=False),
        teaching_area_includes_gym=f.flag("options.teaching_area_includes_gym"),
        qualification_min={level: str(qualification[level]) for level in LEVELS},
        key_teacher_min_level=f.code("measurement.key_teacher_min_level", AWARD_LEVEL_RANK,
                                     required=False),
        mid_title_min=f.code("measurement.mid_title_min", TITLE_RANK, required=False),
        equipment_unit_yuan=f.number("measurement.equipment_unit_yuan"),
        cv_decimals=decimals,
        items=_items(f),
        options=dict(resolved.options),
        references=references,
        overlays=tuple(resolved.overlays),
        cv_compare=compare,
    )


# --- the public API --------------------------------------------------------------------------

def _as_date_arg(as_of: dt.date | str | None) -> dt.date | None:
    if as_of is None or isinstance(as_of, dt.date):
        return as_of
    return _as_date(as_of, "--as-of")


def load_ruleset(name_or_path: str | Path = "cn-2017", *, overlays: Sequence[str | Path] = (),
                 as_of: dt.date | str | None = None,
                 rules_dir: Path | str | None = None) -> AssessmentParams:
    """The parameters of one method in force on ``as_of`` (default today), overlays applied.

    ``name_or_path`` is a rule-set name under the rules directory (``cn-2017``, ``cn-2012``)
    or a path to a rule-set directory. ``overlays`` are overlay files (or names under
    ``rules/overlays/``), applied in order. Raises ``RulesError`` with a bilingual message
    naming the file for any rule without a reference, any invalid value, or a date before
    the rule took effect.
    """
    return _to_params(_resolve(name_or_path, overlays, _as_date_arg(as_of), rules_dir))


def describe_ruleset(name_or_path: str | Path = "cn-2017", *,
                     overlays: Sequence[str | Path] = (), as_of: dt.date | str | None = None,
                     rules_dir: Path | str | None = None) -> RulesetDescription:
    """Every value in force with its reference, description and option status (for ``show``)."""
    resolved = _resolve(name_or_path, overlays, _as_date_arg(as_of), rules_dir)
    _to_params(resolved)  # validate exactly as load_ruleset does
    return RulesetDescription(resolved.info, resolved.as_of.isoformat(),
                              tuple(resolved.records[p] for p in sorted(resolved.records,
                                                                        key=_natural)),
                              dict(resolved.options), tuple(resolved.overlays))


def _natural(path: str) -> list[tuple[int, Any]]:
    """Sort g2 before g10."""
    return [(0, int(t)) if t.isdigit() else (1, t) for t in re.split(r"(\d+)", path) if t]


def list_rulesets(rules_dir: Path | str | None = None) -> list[RulesetInfo]:
    root = rules_root(rules_dir)
    return [_read_manifest(p.parent)[0] for p in sorted(root.glob(f"*/{MANIFEST}"))]


def list_overlays(rules_dir: Path | str | None = None) -> list[OverlayInfo]:
    folder = rules_root(rules_dir) / OVERLAYS_DIR
    out = []
    for file in sorted(folder.glob("*.yaml")):
        overlay = read_overlay(file)
        out.append(OverlayInfo(overlay.name, overlay.title_zh, overlay.title_en, file,
                               tuple(sorted(overlay.changes))))
    return out


_FIELD_OF = {
    "school_compliance.min_met": "school_min_met",
    "school_compliance.floor_ratio": "school_floor_ratio",
    "cv_limits.mode": "cv_mode",
    "options.teaching_area_includes_gym": "teaching_area_includes_gym",
    **{f"scope.{k}": k for k in ("include_private", "include_non_county_run",
                                 "include_teaching_points", "teaching_point_min_students")},
    **{f"measurement.{k}": k for k in ("key_teacher_min_level", "mid_title_min",
                                       "equipment_unit_yuan", "cv_decimals")},
    "measurement.cv_decimals.decimals": "cv_decimals",
    "measurement.cv_decimals.compare": "cv_compare",
}
_NESTED_OF = {"thresholds": "thresholds", "cv_limits": "cv_limits",
              "split_weights": "split_weights", "measurement.qualification_min":
              "qualification_min", "items": "items"}


def replace_value(params: AssessmentParams, path: str, value: Any) -> AssessmentParams:
    """A copy of ``params`` with the value at a rule path replaced (for what-if runs and tests).

    The replaced value keeps its old reference: a what-if result must say it is one.
    """
    from dataclasses import replace

    if path in _FIELD_OF:
        return replace(params, **{_FIELD_OF[path]: value})
    if path.startswith("social_recognition."):
        path = "items." + path
    for prefix, name in sorted(_NESTED_OF.items(), key=lambda kv: -len(kv[0])):
        if path.startswith(prefix + "."):
            tree = copy.deepcopy(getattr(params, name))
            _set_path(tree, path[len(prefix) + 1:], value, merge=False)
            return replace(params, **{name: tree})
    raise KeyError(f"{path!r} is not a value path of AssessmentParams")


def value_at(params: AssessmentParams, path: str) -> Any:
    """The value in force at a rule path (the inverse of ``replace_value``); None if unknown.

    Reports print each rule's value beside its reference; this reads it back from ``params``.
    """
    if path in _FIELD_OF:
        return getattr(params, _FIELD_OF[path])
    if path.startswith("social_recognition."):
        path = "items." + path
    for prefix, name in sorted(_NESTED_OF.items(), key=lambda kv: -len(kv[0])):
        if path.startswith(prefix + "."):
            node: Any = getattr(params, name)
            for part in path[len(prefix) + 1:].split("."):
                if not isinstance(node, Mapping) or part not in node:
                    return None
                node = node[part]
            return node
    return None
