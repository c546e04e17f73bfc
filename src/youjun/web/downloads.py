"""Downloads the domain apps hand to a browser: one place for the XLSX content type and the
attachment header, so every export is answered the same way."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_attachment(content: bytes, filename: str) -> HttpResponse:
    """An XLSX workbook as a download named ``filename`` (ASCII: codes and dates, no user text)."""
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_table(sheet: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """One sheet: a header and rows, numbers as numbers and every text as text — a name or a
    decision typed as "=HYPERLINK(…)" stays words in the cell, never a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)

    def cells(values: Sequence[Any]) -> list[Any]:
        out = []
        for value in values:
            cell = WriteOnlyCell(ws, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            out.append(cell)
        return out

    ws.append(cells(header))
    for row in rows:
        ws.append(cells(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
