"""Demo data of the fitness standard: a realistic school workbook made by the core's sample
generator (``youjun fitness sample``: results drawn around each grade's thresholds, a few
exempt pupils; made-up names) and imported through the same service as the web import.

``seed(school, school_year, actor)`` is deterministic for a school and a year; run again, it
re-imports the same workbook (replacing the school's results of that year).
"""

from __future__ import annotations

import tempfile
import zlib
from pathlib import Path

from youjun.ingest.fitness_workbook import sample_rows, write_workbook
from youjun.web.apps.fitness import services
from youjun.web.apps.fitness.models import ImportBatch
from youjun.web.apps.platform.models import School, User

GRADE_CODE = "年级编号"


def workbook_bytes(school: School, pupils: int = 240, seed: int | None = None, classes_per_grade: int = 6) -> bytes:
    """The school's made-up upload workbook (grades the school teaches only)."""
    grades = services.school_grades(school)
    t = services.tables()
    header, lines = sample_rows(pupils, seed if seed is not None else zlib.crc32(school.code.encode()), t,
                                junior=any(g >= 7 for g in grades), school_code=school.code,
                                classes_per_grade=classes_per_grade)
    col = header.index(GRADE_CODE)
    from youjun.ingest.fitness_workbook import GRADE_CODES

    lines = [line for line in lines if GRADE_CODES[int(line[col])] in grades]
    with tempfile.TemporaryDirectory(prefix="youjun-fitness-demo-") as tmp:
        path = Path(tmp) / "demo.xlsx"
        write_workbook(path, header, lines)
        return path.read_bytes()


def seed(school: School, school_year: str, actor: User | None = None, *, pupils: int = 240,
         random_seed: int | None = None, classes_per_grade: int = 6) -> ImportBatch:
    content = workbook_bytes(school, pupils, random_seed, classes_per_grade)
    return services.import_workbook(school, school_year, content, f"{school.code}-{school_year}-体质健康演示.xlsx",
                                    actor)
