"""What an uploaded file must be before it is read, and the bounded report kept of it.

One set of checks for the page and the API: the name must end in .xlsx, the size must be
within ``YOUJUN_MAX_UPLOAD_MB`` (Django knows it before the file is read); both refusals are
catalogued problems with the HTTP status the API answers. The report stored in the database
and shown on the page keeps exact counts per code but only the first N problems of each code;
the full list goes to a compressed CSV beside the database. Every text stored is masked for
personal numbers (ID, phone), so a refused file leaves no raw personal data behind.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from youjun.core.cells import safe_cell_text
from youjun.core.errors import Problem, YoujunError
from youjun.core.personal import mask_personal_text
from youjun.ingest.names import safe_upload_name
from youjun.ingest.validate import ValidationResult
from youjun.web.errors import web_problem

ALLOWED_SUFFIXES = (".xlsx",)
MB = 1024 * 1024
CSV_COLUMNS = ("code", "severity", "file", "sheet", "row", "column", "value", "message_zh", "hint_zh",
               "message_en", "hint_en", "rule", "cell")


class UploadRefused(Exception):
    """A file refused before it is read: ``status`` is the HTTP answer, ``problem`` the reason."""

    def __init__(self, status: int, problem: dict[str, Any]):
        self.status, self.problem = status, problem
        super().__init__(problem["message"]["en"])


def checked_name(f: UploadedFile | None) -> str:
    """The file's base name, once the type and size allow reading it (else ``UploadRefused``)."""
    if f is None:
        raise UploadRefused(422, web_problem("E814", rule="upload.file"))
    name = mask_personal_text(Path(str(f.name or "").replace("\\", "/")).name)[:255] or "upload"
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise UploadRefused(422, web_problem("E812", value=name, detail=suffix or "—", rule="upload.type"))
    try:  # control characters, no name left once the path is dropped, a name too long
        safe_upload_name(str(f.name or ""), ALLOWED_SUFFIXES)
    except YoujunError as exc:
        raise UploadRefused(422, masked(exc.problems[0].to_dict(), name)) from None
    limit = settings.YOUJUN_MAX_UPLOAD_MB
    if f.size is None or f.size > limit * MB:
        size = "?" if f.size is None else f"{f.size / MB:.1f}"
        raise UploadRefused(413, web_problem("E813", value=size, expected=limit, rule="upload.size"))
    return name


def copy_to(f: UploadedFile, path: Path) -> None:
    """Write the upload to ``path`` chunk by chunk (never the whole file in memory)."""
    written = 0
    with path.open("wb") as out:
        for chunk in f.chunks():
            written += len(chunk)
            if written > settings.YOUJUN_MAX_UPLOAD_MB * MB:  # a size that lied
                raise UploadRefused(413, web_problem("E813", value=f"{written / MB:.1f}",
                                                     expected=settings.YOUJUN_MAX_UPLOAD_MB, rule="upload.size"))
            out.write(chunk)


# -- the report ------------------------------------------------------------------------------

def masked(problem: dict[str, Any], source: str) -> dict[str, Any]:
    """The problem as stored and shown: in the file the user uploaded, personal numbers masked."""
    loc = dict(problem.get("location") or {})
    if loc.get("file"):
        loc["file"] = source
    return {
        **problem,
        "location": loc,
        "value": mask_personal_text(str(problem.get("value") or "")),
        "message": {k: mask_personal_text(v) for k, v in (problem.get("message") or {}).items()},
        "hint": {k: mask_personal_text(v) for k, v in (problem.get("hint") or {}).items()},
    }


def all_problems(result: ValidationResult, extra: list[dict[str, Any]]) -> Iterator[Problem | dict[str, Any]]:
    yield from extra
    yield from result.problems


def _as_dict(p: Problem | dict[str, Any]) -> dict[str, Any]:
    return p.to_dict() if isinstance(p, Problem) else p


def build_report(result: ValidationResult, source: str, extra: list[dict[str, Any]]) -> dict[str, Any]:
    """Exact counts per code; the first ``YOUJUN_REPORT_PROBLEMS_PER_CODE`` problems of each code."""
    per_code = max(0, int(settings.YOUJUN_REPORT_PROBLEMS_PER_CODE))
    summary = result.summary()
    summary["errors"] += sum(1 for p in extra if p["severity"] == "error")
    summary["warnings"] += sum(1 for p in extra if p["severity"] == "warning")
    for e in extra:
        summary["by_code"][e["code"]] = summary["by_code"].get(e["code"], 0) + 1
    summary["by_code"] = dict(sorted(summary["by_code"].items()))
    summary["ok"] = summary["errors"] == 0
    shown: dict[str, int] = {}
    problems = []
    for item in all_problems(result, extra):
        code = item["code"] if isinstance(item, dict) else item.code
        if shown.get(code, 0) >= per_code:
            continue
        shown[code] = shown.get(code, 0) + 1
        problems.append(masked(_as_dict(item), source))
    total = summary["errors"] + summary["warnings"]
    return {"source": source, "ok": summary["ok"], "summary": summary, "problems": problems,
            "truncated": len(problems) < total, "per_code": per_code, "total": total}


# -- the full list, on disk ------------------------------------------------------------------

def _text_cell(value: Any) -> Any:
    """User text written to a CSV as text: Excel/WPS read a leading = + - @ as a formula."""
    return safe_cell_text(value)  # the one rule every export shares (youjun.core.cells)


def _rows(problems: Iterable[Problem | dict[str, Any]], source: str) -> Iterator[list[Any]]:
    for p in problems:
        d = masked(_as_dict(p), source)
        loc = d["location"]
        yield [_text_cell(x) for x in (d["code"], d["severity"], loc.get("file", ""), loc.get("sheet", ""),
                                       loc.get("row") or "", loc.get("column", ""), d["value"],
                                       d["message"].get("zh", ""), d["hint"].get("zh", ""),
                                       d["message"].get("en", ""), d["hint"].get("en", ""), d.get("rule", ""),
                                       loc.get("cell", ""))]


def upload_dir() -> Path:
    path = Path(settings.YOUJUN_UPLOAD_DIR)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def problem_list_path(upload_pk: int) -> Path:
    return upload_dir() / f"{int(upload_pk)}.problems.csv.gz"


def write_problem_list(result: ValidationResult, source: str, extra: list[dict[str, Any]]) -> Path:
    """Every problem, masked, as gzip-compressed CSV (UTF-8 with BOM for Excel) in a temp file.

    Rows are written as they are formatted, so memory stays bounded whatever the count.
    """
    fd, name = _mkstemp()
    with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6) as gz:
        text = io.TextIOWrapper(gz, encoding="utf-8-sig", newline="")
        writer = csv.writer(text)
        writer.writerow(CSV_COLUMNS)
        for row in _rows(all_problems(result, extra), source):
            writer.writerow(row)
        text.flush()
        text.detach()
    return Path(name)


def _mkstemp() -> tuple[int, str]:
    import tempfile

    return tempfile.mkstemp(prefix="pending-", suffix=".csv.gz", dir=upload_dir())  # mode 0600


def read_problem_list(upload_pk: int, chunk: int = 64 * 1024) -> Iterator[bytes]:
    """The stored full list, decompressed in chunks (a header only when there were no problems)."""
    path = problem_list_path(upload_pk)
    if not path.exists():
        return iter([("\ufeff" + ",".join(CSV_COLUMNS) + "\r\n").encode()])

    def stream() -> Iterator[bytes]:
        with gzip.open(path, "rb") as f:
            while block := f.read(chunk):
                yield block

    return stream()
