"""Helpers of the brands tests: small emblem images made with Pillow, as uploads."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(fmt: str = "PNG", size: tuple[int, int] = (64, 64), color: str = "#c8102e",
                exif: bytes | None = None) -> bytes:
    out = io.BytesIO()
    img = Image.new("RGB", size, color)
    if exif is not None:
        img.save(out, format=fmt, exif=exif)
    else:
        img.save(out, format=fmt)
    return out.getvalue()


def upload(data: bytes, name: str = "emblem.png", content_type: str = "image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (29.0, 21.0, 0.0)}  # GPSInfo
    return exif.tobytes()
