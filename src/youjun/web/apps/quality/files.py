"""Evidence files of a record: taken in by their content, never by their name or the browser's type.

An image (JPEG, PNG, WebP, as Pillow opens it) is refused over the byte and pixel limits before
it is decoded, turned upright by its EXIF orientation, scaled to the longest side allowed and
re-encoded as a fresh JPEG without any metadata (no EXIF, no GPS position, no comments). A PDF
(it must start with ``%PDF-``) is kept as sent under its own byte limit. The SHA-256 of the file
as uploaded is what the reuse safeguard compares (the same photo sent for two pupils); the one
of the stored content is kept too.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from youjun.web.apps.pupils.services import Refused, refuse

FORMATS = ("JPEG", "PNG", "WEBP")
JPEG_QUALITY = 85


@dataclass(frozen=True)
class CleanFile:
    name: str
    content: bytes
    content_type: str
    sha256: str  # as uploaded
    stored_sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


def megabytes(n: int) -> str:
    mb = n / 1_000_000
    return f"{mb:,.0f} MB" if mb == int(mb) else f"{mb:,.1f} MB"


def clean_file(data: bytes, name: str, limits: dict[str, Any]) -> CleanFile:
    """One evidence file as stored, or ``Refused`` (E1083 type, E1084 size, E1102 unreadable image)."""
    name = (name or "file").replace("/", "_").replace("\\", "_")[-120:]
    sha = hashlib.sha256(data).hexdigest()
    if data.startswith(b"%PDF-"):
        limit = int(limits["pdf_max_bytes"])
        if len(data) > limit:
            raise refuse("E1084", value=name, rule="quality.evidence", size=megabytes(len(data)),
                         limit=megabytes(limit))
        return CleanFile(name, data, "application/pdf", sha, sha)
    limit = int(limits["image_max_bytes"])
    if len(data) > limit:
        raise refuse("E1084", value=name, rule="quality.evidence", size=megabytes(len(data)), limit=megabytes(limit))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
    except Image.DecompressionBombError:
        raise refuse("E1084", value=name, rule="quality.evidence", size="> " + f"{int(limits['image_max_pixels']):,}",
                     limit=f"{int(limits['image_max_pixels']):,}") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise refuse("E1083", value=name, rule="quality.evidence") from None
    with image:
        if image.width * image.height > int(limits["image_max_pixels"]):
            raise refuse("E1084", value=name, rule="quality.evidence", size=f"{image.width:,} × {image.height:,}",
                         limit=f"{int(limits['image_max_pixels']):,}")
        try:
            content = _reencode(image, int(limits["image_longest_side"]))
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise refuse("E1102", value=name, rule="quality.evidence") from None
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return CleanFile(f"{stem}.jpg", content, "image/jpeg", sha, hashlib.sha256(content).hexdigest())


def _reencode(image: Image.Image, longest: int) -> bytes:
    if image.format == "JPEG":
        image.draft("RGB", (longest, longest))
    upright = ImageOps.exif_transpose(image) or image
    if upright.mode in ("RGBA", "LA") or (upright.mode == "P" and "transparency" in upright.info):
        rgba = upright.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        upright = flat
    else:
        upright = upright.convert("RGB")
    upright.thumbnail((longest, longest), Image.Resampling.LANCZOS)
    clean = Image.new("RGB", upright.size)  # a new image: nothing of the upload's info travels with it
    clean.paste(upright)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return out.getvalue()


__all__ = ["CleanFile", "Refused", "clean_file", "megabytes"]
