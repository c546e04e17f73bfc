"""Stop keeping an uploaded file once it passes the upload limit.

Django's own handlers write a large file part to a temporary file whatever its size, and the
view can only look at ``UploadedFile.size`` afterwards. This handler runs first: past
``YOUJUN_MAX_UPLOAD_MB`` it swallows the chunks (the later handlers, and the disk, see no more
of them) and hands the view an empty file that still tells its size, so the one size check in
``intake.checked_name`` refuses it (413, E813).
"""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class OversizedUpload(UploadedFile):
    """What is left of a file part that passed the limit: its name and the bytes seen, no content."""

    def __init__(self, name: str, seen: int, content_type: str | None = None):
        super().__init__(io.BytesIO(b""), name=name, content_type=content_type, size=seen)


class BoundedUploadHandler(FileUploadHandler):
    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.seen = 0
        self.limit = settings.YOUJUN_MAX_UPLOAD_MB * 1024 * 1024

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.seen += len(raw_data)
        return None if self.seen > self.limit else raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.seen > self.limit:
            return OversizedUpload(self.file_name or "upload", self.seen, self.content_type)
        return None  # the next handler (memory or temporary file) has the whole part
