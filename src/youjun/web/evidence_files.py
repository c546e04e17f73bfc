"""Evidence files taken in by their content, never by their name or the browser's type: the one
cleaning every app's evidence goes through (the pupils' quality records, the teachers' career
records, studios, growth stages).

An image (JPEG, PNG, WebP, as Pillow opens it) is refused over the byte and pixel limits before
it is decoded, turned upright by its EXIF orientation, scaled to the longest side allowed and
re-encoded as a fresh JPEG without any metadata (no EXIF, no GPS position, no comments). A PDF
(it must start with ``%PDF-``) is kept as sent under its own byte limit. The SHA-256 of the file
as uploaded is what a reuse safeguard compares (the same photo sent for two people); the one of
the stored content is kept too.

Each app passes its own refusal codes (``codes``: ``type`` — not an image or a PDF, ``size`` —
over a limit, ``unreadable`` — an image that cannot be re-encoded), so the refusal names the
app's catalogue entry; each code's message takes ``{value}`` (the file name), and the size code
``{size}`` and ``{limit}``.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from youjun.web.errors import Refused, refuse

FORMATS = ("JPEG", "PNG", "WEBP")
JPEG_QUALITY = 85
CODE_KEYS = ("type", "size", "unreadable")


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


def clean_evidence(data: bytes, name: str, limits: Mapping[str, Any], *, codes: Mapping[str, str],
                   rule: str = "evidence") -> CleanFile:
    """One evidence file as stored, or ``Refused`` with ``codes["type"]``, ``codes["size"]`` or
    ``codes["unreadable"]``. ``limits``: image_max_bytes, image_max_pixels, image_longest_side,
    pdf_max_bytes."""
    missing = [k for k in CODE_KEYS if k not in codes]
    if missing:
        raise ValueError(f"clean_evidence needs the refusal codes {missing}")
    name = (name or "file").replace("/", "_").replace("\\", "_")[-120:]
    sha = hashlib.sha256(data).hexdigest()
    too_big, wrong_type, unreadable = codes["size"], codes["type"], codes["unreadable"]
    if data.startswith(b"%PDF-"):
        limit = int(limits["pdf_max_bytes"])
        if len(data) > limit:
            raise refuse(too_big, value=name, rule=rule, size=megabytes(len(data)), limit=megabytes(limit))
        return CleanFile(name, data, "application/pdf", sha, sha)
    limit = int(limits["image_max_bytes"])
    if len(data) > limit:
        raise refuse(too_big, value=name, rule=rule, size=megabytes(len(data)), limit=megabytes(limit))
    pixels = int(limits["image_max_pixels"])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
    except Image.DecompressionBombError:
        raise refuse(too_big, value=name, rule=rule, size="> " + f"{pixels:,}", limit=f"{pixels:,}") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise refuse(wrong_type, value=name, rule=rule) from None
    with image:
        if image.width * image.height > pixels:
            raise refuse(too_big, value=name, rule=rule, size=f"{image.width:,} × {image.height:,}",
                         limit=f"{pixels:,}")
        try:
            content = _reencode(image, int(limits["image_longest_side"]))
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise refuse(unreadable, value=name, rule=rule) from None
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


__all__ = ["CleanFile", "Refused", "clean_evidence", "megabytes"]
