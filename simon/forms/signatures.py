"""Signatures are PNG images, checked by decoding them and stored as Simon re-wrote them.

Decision (issue 9): PNG only, no SVG. An SVG is a document that can carry scripts and links;
sanitizing it means trusting an allow-list to know every trick of every consumer. A PNG is
pixels: Pillow decodes it completely (a truncated or forged file fails), and what is stored is
the image re-encoded from those pixels, so no text chunk or trailing payload a client added
survives. The signature pad on the work order page draws on a canvas and sends a PNG anyway.
"""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError


class InvalidSignature(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# A phone's signature pad at three device pixels per CSS pixel is about 1200 x 600.
MAX_SIDE = 4000
MAX_PIXELS = 4_000_000


def clean_png(data: bytes) -> bytes:
    """The PNG in ``data`` re-encoded from its pixels. Raises InvalidSignature (Dutch)."""
    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
            width, height = image.size
            # Checked from the header, before the pixels are decompressed (a 'PNG bomb').
            if max(width, height) > MAX_SIDE or width * height > MAX_PIXELS:
                raise InvalidSignature(_("De handtekening is te groot."))
            image.load()
            pixels = image if image.mode in ("RGBA", "RGB", "LA", "L") else image.convert("RGBA")
            out = io.BytesIO()
            pixels.save(out, format="PNG")
    except InvalidSignature:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise InvalidSignature(_("De handtekening is geen geldige afbeelding.")) from None
    return out.getvalue()
