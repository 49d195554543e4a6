"""Signatures are validated as PNG images and stored re-encoded from their pixels (issue 9)."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image, PngImagePlugin

from simon.forms.signatures import MAX_SIDE, InvalidSignature, clean_png
from simon.testing import png_data_url

PREFIX = "data:image/png;base64,"


def png(width: int = 30, height: int = 10, text: dict[str, str] | None = None) -> bytes:
    info = PngImagePlugin.PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value)
    out = io.BytesIO()
    Image.new("RGBA", (width, height), (0, 0, 0, 255)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def test_a_signature_from_the_pad_is_stored_as_it_came():
    data = base64.b64decode(png_data_url().removeprefix(PREFIX))

    assert clean_png(data) == data


def test_text_chunks_and_trailing_bytes_do_not_survive():
    dirty = png(text={"Comment": "<script>alert(1)</script>"}) + b"<svg onload=alert(1)>"

    cleaned = clean_png(dirty)

    assert b"script" not in cleaned and b"svg" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.size == (30, 10)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "geldige"),
        (png()[:40], "geldige"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "geldige"),
        (b"GIF89a" + b"\0" * 30, "geldige"),
        (png(MAX_SIDE + 1, 1), "te groot"),
        (png(2001, 2001), "te groot"),
    ],
    ids=["svg", "truncated", "magic-only", "gif", "too-wide", "too-many-pixels"],
)
def test_anything_but_a_sane_png_is_refused(data, message):
    with pytest.raises(InvalidSignature, match=message):
        clean_png(data)
