"""Refused uploads keep no copy of their cells, and their reports show personal numbers masked
(issue 9, finding 11): clear what earlier versions kept."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def forget(apps: Any, schema_editor: Any) -> None:
    from youjun.core.personal import mask_personal_text

    Upload = apps.get_model("schools", "Upload")
    for up in Upload.objects.filter(status__in=("invalid", "discarded")).iterator(chunk_size=50):
        report = up.report or {}
        for p in report.get("problems", []):
            p["value"] = mask_personal_text(str(p.get("value") or ""))
            for key in ("message", "hint"):
                p[key] = {k: mask_personal_text(str(v)) for k, v in (p.get(key) or {}).items()}
        up.report, up.content = report, b""
        up.save(update_fields=["report", "content"])


class Migration(migrations.Migration):
    dependencies = (("schools", "0001_initial"),)
    operations = (migrations.RunPython(forget, migrations.RunPython.noop),)
