"""Photos made in the tests with Pillow: a JPEG carrying GPS EXIF and an orientation, a PNG,
things that only look like photos."""

from __future__ import annotations

import io

from PIL import Image

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0110] = "Model-X"  # Model
    exif[GPS_IFD] = {1: "N", 2: (29.0, 24.0, 13.5), 3: "E", 4: (105.0, 35.0, 40.2)}  # 29°24'N 105°35'E (荣昌)
    return exif


def jpeg_bytes(size: tuple[int, int] = (64, 48), *, gps: bool = True, orientation: int = 1,
               colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    image = Image.new("RGB", size, colour)
    out = io.BytesIO()
    if gps:
        image.save(out, format="JPEG", exif=exif_with_gps(orientation).tobytes(), comment=b"secret comment")
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def png_bytes(size: tuple[int, int] = (40, 30), mode: str = "RGBA") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, (0, 120, 0, 128) if mode == "RGBA" else (0, 120, 0)).save(out, format="PNG")
    return out.getvalue()


def webp_bytes(size: tuple[int, int] = (30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 10, 200)).save(out, format="WEBP")
    return out.getvalue()


def gif_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("P", (10, 10)).save(out, format="GIF")
    return out.getvalue()
