"""Draw the field app's icons (simon/fieldapp/static/fieldapp/icons/): a white 'S' on Simon's
green, plain and 'maskable' (the letter inside the safe zone a phone's mask keeps).

Run once after changing them: ``.venv/bin/python tools/field_icons.py``; the PNGs are committed.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = (
    Path(__file__).resolve().parent.parent / "simon" / "fieldapp" / "static" / "fieldapp" / "icons"
)
GREEN = (31, 111, 80, 255)
WHITE = (255, 255, 255, 255)


def icon(size: int, *, maskable: bool = False) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle([0, 0, size, size], fill=GREEN)
        letter = size * 0.5  # the safe zone is the inner 80 %
    else:
        draw.rounded_rectangle([0, 0, size - 1, size - 1], radius=size // 5, fill=GREEN)
        letter = size * 0.7
    font = ImageFont.load_default(size=int(letter))
    draw.text((size / 2, size / 2), "S", font=font, fill=WHITE, anchor="mm")
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, size, maskable in [
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("icon-maskable-512.png", 512, True),
        ("apple-touch-icon.png", 180, True),
        ("favicon-32.png", 32, False),
    ]:
        icon(size, maskable=maskable).save(OUT / name, optimize=True)
        print(OUT / name)


if __name__ == "__main__":
    main()
