"""Photos of a concern: taken in by their content (Pillow must open them as JPEG, PNG or WebP;
the file name and the browser's content type are not believed), refused over the body's size
and pixel limits before they are decoded, turned upright by their EXIF orientation, scaled to
the longest side allowed, and re-encoded as a fresh JPEG that carries no metadata at all (no
EXIF, no GPS position, no ICC profile, no comments).

``clean_photo`` reads one upload; ``save_photos`` stores cleaned photos of a concern (called
inside the transaction that raises it). The limits are the body's publication settings
(``photo_max_bytes``, ``photo_max_pixels``, ``photo_longest_side``, ``photo_max_count``).
"""

from __future__ import annotations

import io
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Body, Concern, Photo
from youjun.web.apps.platform.audit import record
from youjun.web.apps.platform.models import User

FORMATS = ("JPEG", "PNG", "WEBP")
JPEG_QUALITY = 85


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_pixels: int
    longest_side: int
    max_count: int


@dataclass(frozen=True)
class CleanPhoto:
    content: bytes
    width: int
    height: int

    @property
    def size(self) -> int:
        return len(self.content)


def limits_of(body: Body) -> Limits:
    pub = services.body_settings(body)["publication"]
    return Limits(max_bytes=int(pub["photo_max_bytes"]), max_pixels=int(pub["photo_max_pixels"]),
                  longest_side=int(pub["photo_longest_side"]), max_count=int(pub["photo_max_count"]))


def megabytes(n: int) -> str:
    """8000000 -> "8 MB", 9200000 -> "9.2 MB" (decimal megabytes, as phones show sizes)."""
    mb = n / 1_000_000
    return f"{mb:,.0f} MB" if mb == int(mb) else f"{mb:,.1f} MB"


def _refuse(code: str, name: str, **context: Any) -> services.StepRefused:
    return services.refuse(code, value=name, rule="consultation.photo", **context)


def clean_photo(data: bytes, name: str, limits: Limits, *, declared_size: int | None = None) -> CleanPhoto:
    """One photo as stored: checked, upright, scaled, re-encoded without metadata; or
    ``StepRefused`` (E880 not a photo, E881 too many bytes, E882 too many pixels)."""
    size = max(len(data), declared_size or 0)
    if size > limits.max_bytes:
        raise _refuse("E881", name, size=megabytes(size), limit=megabytes(limits.max_bytes))
    try:
        with warnings.catch_warnings():
            # Pillow warns of a possible decompression bomb on open (from the header alone): the
            # header's size is checked against our own limit below, before any decoding; past
            # twice its own limit Pillow refuses to open it at all
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=FORMATS)
    except Image.DecompressionBombError as exc:
        found = re.search(r"\((\d+) pixels\)", str(exc))
        shown = f"{int(found.group(1)):,}" if found else _over(limits.max_pixels)
        raise _refuse("E882", name, pixels=shown, limit=f"{limits.max_pixels:,}") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise _refuse("E880", name) from None
    with image:
        pixels = image.width * image.height
        if pixels > limits.max_pixels:  # the header's size, before a single pixel is decoded
            raise _refuse("E882", name, pixels=f"{image.width:,} × {image.height:,}", limit=f"{limits.max_pixels:,}")
        try:
            return _reencode(image, limits.longest_side)
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise _refuse("E880", name) from None


def _over(limit: int) -> str:
    return f"> {limit:,}"


def _reencode(image: Image.Image, longest: int) -> CleanPhoto:
    if image.format == "JPEG":
        image.draft("RGB", (longest, longest))  # decode at a reduced scale when much larger
    upright = ImageOps.exif_transpose(image)  # applies the orientation, before the EXIF is dropped
    if upright is None:  # pragma: no cover - exif_transpose returns an image unless in_place
        upright = image
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
    return CleanPhoto(out.getvalue(), clean.width, clean.height)


def clean_uploads(files: Sequence[Any], limits: Limits) -> list[CleanPhoto]:
    """Every uploaded file of a form, cleaned; the first refusal stops (nothing is stored)."""
    chosen = [f for f in files if getattr(f, "name", "") or getattr(f, "size", 0)]
    if len(chosen) > limits.max_count:
        raise services.refuse("E883", value=len(chosen), limit=limits.max_count, rule="consultation.photo")
    out = []
    for f in chosen:
        declared = int(getattr(f, "size", 0) or 0)
        name = str(getattr(f, "name", "") or "")
        if declared > limits.max_bytes:  # refused before its bytes are read
            raise _refuse("E881", name, size=megabytes(declared), limit=megabytes(limits.max_bytes))
        out.append(clean_photo(f.read(), name, limits, declared_size=declared))
    return out


def save_photos(actor: User | None, concern: Concern, photos: Sequence[CleanPhoto]) -> list[Photo]:
    """Store cleaned photos of ``concern`` (inside the caller's transaction); one audit row."""
    rows = [Photo.objects.create(concern=concern, content=p.content, content_type="image/jpeg", width=p.width,
                                 height=p.height, size=p.size, uploaded_by=actor) for p in photos]
    if rows:
        record(actor, "consultation_photos", concern,
               after={"photos": len(rows), "bytes": sum(p.size for p in photos)})
    return rows
