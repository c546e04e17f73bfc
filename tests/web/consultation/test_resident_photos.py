"""Photos: taken by content, refused over the limits before decoding, upright, scaled, and
re-encoded without any metadata (GPS EXIF present in the upload is absent in the bytes stored);
served publicly only while their concern is not hidden."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image, ImageFile

from tests.web.consultation.cworld import CWorld
from tests.web.consultation.photo_bytes import GPS_IFD, gif_bytes, jpeg_bytes, png_bytes, webp_bytes
from youjun.web.apps.consultation import photos, services
from youjun.web.apps.consultation.models import Concern, Photo

LIMITS = photos.Limits(max_bytes=8_000_000, max_pixels=40_000_000, longest_side=1600, max_count=4)


def test_the_upload_really_carries_gps_and_the_stored_photo_does_not() -> None:
    upload = jpeg_bytes((120, 80))
    before = Image.open(io.BytesIO(upload))
    assert before.getexif().get_ifd(GPS_IFD), "the test photo must carry a GPS position"
    assert b"SecretCam" in upload and b"secret comment" in upload
    clean = photos.clean_photo(upload, "a.jpg", LIMITS)
    after = Image.open(io.BytesIO(clean.content))
    assert after.format == "JPEG"
    assert not after.getexif() and not after.getexif().get_ifd(GPS_IFD)
    assert "exif" not in after.info and "icc_profile" not in after.info and "comment" not in after.info
    assert b"SecretCam" not in clean.content and b"secret comment" not in clean.content
    assert b"Exif" not in clean.content


def test_orientation_is_applied_and_the_longest_side_scaled() -> None:
    turned = photos.clean_photo(jpeg_bytes((200, 100), orientation=6), "turned.jpg", LIMITS)
    assert (turned.width, turned.height) == (100, 200)  # EXIF "rotate 90°" applied, then dropped
    big = photos.clean_photo(jpeg_bytes((3200, 1000), gps=False), "big.jpg", LIMITS)
    assert (big.width, big.height) == (1600, 500)


def test_formats_are_judged_by_content_not_by_name() -> None:
    for data in (png_bytes(), png_bytes(mode="RGB"), webp_bytes()):
        clean = photos.clean_photo(data, "named-anything.jpg", LIMITS)
        assert Image.open(io.BytesIO(clean.content)).format == "JPEG"
    for data in (gif_bytes(), b"GIF89a not really", b"\xff\xd8\xff broken jpeg", b"<html>hello</html>"):
        with pytest.raises(services.StepRefused) as refused:
            photos.clean_photo(data, "photo.jpg", LIMITS)
        assert refused.value.problem["code"] == "E880"


def test_limits_refuse_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    small = photos.Limits(max_bytes=2_000, max_pixels=10_000, longest_side=1600, max_count=2)
    with pytest.raises(services.StepRefused) as refused:
        photos.clean_photo(jpeg_bytes((400, 400), colour=(1, 2, 3)) + b"\0" * 3000, "big.jpg", small)
    assert refused.value.problem["code"] == "E881"
    assert "MB" in refused.value.problem["message"]["zh"]

    many_pixels = png_bytes((200, 100), mode="RGB")  # 20,000 pixels, a small file (PNG compresses it)
    few_pixels = png_bytes((50, 50), mode="RGB")
    assert len(many_pixels) < small.max_bytes
    decoded: list[str] = []
    real_load = ImageFile.ImageFile.load
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: decoded.append("x") or real_load(self))
    photos.clean_photo(few_pixels, "ok.png", small)
    assert decoded, "the spy sees a photo within the limits decoded"
    decoded.clear()
    with pytest.raises(services.StepRefused) as refused:
        photos.clean_photo(many_pixels, "wide.png", small)
    assert refused.value.problem["code"] == "E882" and "200 × 100 像素" in refused.value.problem["message"]["zh"]
    assert decoded == []  # refused from the header: no pixel was decoded


def test_too_many_photos_and_an_oversized_upload_are_refused_before_reading() -> None:
    files = [SimpleUploadedFile(f"{i}.jpg", jpeg_bytes()) for i in range(5)]
    with pytest.raises(services.StepRefused) as refused:
        photos.clean_uploads(files, LIMITS)
    assert refused.value.problem["code"] == "E883"

    class Huge:
        name, size = "huge.jpg", 50_000_000

        def read(self) -> bytes:  # pragma: no cover - must not be called
            raise AssertionError("read an oversized file")

    with pytest.raises(services.StepRefused) as refused:
        photos.clean_uploads([Huge()], LIMITS)
    assert refused.value.problem["code"] == "E881"


def test_the_body_settings_set_the_limits(cworld: CWorld) -> None:
    cworld.rc.settings = {"publication": {"photo_max_count": 1}}
    cworld.rc.save()
    c = Client()
    c.force_login(cworld.users["res_a"])
    two = [SimpleUploadedFile(f"{i}.jpg", jpeg_bytes(), content_type="image/jpeg") for i in range(2)]
    r = c.post("/consult/raise/", {"body": cworld.rc.code, "title": "路灯坏了", "text": "路口的路灯坏了很久。",
                                   "category": "lighting", "town": "昌元街道", "photos": two})
    assert r.status_code == 400 and "最多 1 张" in r.content.decode()
    assert Concern.objects.count() == 0


def test_photo_of_a_hidden_concern_is_only_for_those_who_may_open_it(cworld: CWorld) -> None:
    concern = cworld.concern()
    row = photos.save_photos(cworld.users["res_a"], concern, [photos.clean_photo(jpeg_bytes(), "a.jpg", LIMITS)])[0]
    url = f"/consult/photo/{row.pk}/"
    assert Client().get(url).status_code == 200
    Concern.objects.filter(pk=concern.pk).update(hidden=True)
    assert Client().get(url).status_code == 404
    other = Client()
    other.force_login(cworld.users["res_b"])
    assert other.get(url).status_code == 404
    owner = Client()
    owner.force_login(cworld.users["res_a"])
    r = owner.get(url)
    assert r.status_code == 200 and "no-store" in r["Cache-Control"]
    assert Client().get(f"/consult/photo/{Photo.objects.order_by('-pk').first().pk + 1}/").status_code == 404


def _png_header(width: int, height: int) -> bytes:
    """A PNG of only its header (no pixels): how a phone's huge panorama looks before decoding."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + \
        chunk(b"IEND", b"")


def test_the_pixel_limit_message_gives_the_photos_real_size() -> None:
    with pytest.raises(services.StepRefused) as refused:
        photos.clean_photo(_png_header(12_000, 12_000), "big.png", LIMITS)
    p = refused.value.problem
    assert p["code"] == "E882"
    assert "12,000 × 12,000 像素" in p["message"]["zh"] and "40,000,000" in p["message"]["zh"]
    assert "12,000 × 12,000 pixels" in p["message"]["en"]
