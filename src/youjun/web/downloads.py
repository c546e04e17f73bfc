"""Downloads the domain apps hand to a browser: one place for the XLSX content type and the
attachment header, so every export is answered the same way."""

from __future__ import annotations

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_attachment(content: bytes, filename: str) -> HttpResponse:
    """An XLSX workbook as a download named ``filename`` (ASCII: codes and dates, no user text)."""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
