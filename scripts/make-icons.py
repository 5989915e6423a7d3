#!/usr/bin/env python3
"""Draws the Permit Packet app icon and writes it as RGBA PNGs to assets/icons/.

Needs only the Python standard library (the PNG is written by hand with zlib), so the icons can be
regenerated on any machine. The output is deterministic; the PNGs are committed and this script is
only needed when the design changes:

    python3 scripts/make-icons.py

Design: a navy rounded square (the UI's text colour) holding a white document with three text lines
and a round check mark in the UI's accent colour.
"""

import os
import struct
import sys
import zlib

NAVY = (0x14, 0x23, 0x3C)
WHITE = (0xFF, 0xFF, 0xFF)
LINE = (0xB8, 0xC2, 0xD0)
ACCENT = (0x1D, 0x6F, 0xA5)

SIZES = {
    "16x16.png": 16,
    "32x32.png": 32,
    "48x48.png": 48,
    "64x64.png": 64,
    "128x128.png": 128,
    "256x256.png": 256,
    "128x128@2x.png": 256,
    "icon.png": 512,
}


def rounded_rect(x0, y0, x1, y1, r):
    """Inside test for a rounded rectangle, in unit coordinates."""

    def inside(x, y):
        if x < x0 or x > x1 or y < y0 or y > y1:
            return False
        cx = min(max(x, x0 + r), x1 - r)
        cy = min(max(y, y0 + r), y1 - r)
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r

    return inside


def circle(cx, cy, r):
    return lambda x, y: (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def thick_segment(ax, ay, bx, by, half_width):
    """Inside test for a segment with round caps."""
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy

    def inside(x, y):
        t = ((x - ax) * dx + (y - ay) * dy) / length2
        t = min(max(t, 0.0), 1.0)
        px, py = ax + t * dx, ay + t * dy
        return (x - px) ** 2 + (y - py) ** 2 <= half_width * half_width

    return inside


# Layers, painted in order: (inside test, colour).
LAYERS = [
    (rounded_rect(0.04, 0.04, 0.96, 0.96, 0.20), NAVY),
    (rounded_rect(0.25, 0.16, 0.71, 0.80, 0.045), WHITE),
    (rounded_rect(0.33, 0.30, 0.63, 0.345, 0.02), LINE),
    (rounded_rect(0.33, 0.42, 0.63, 0.465, 0.02), LINE),
    (rounded_rect(0.33, 0.54, 0.52, 0.585, 0.02), LINE),
    (circle(0.69, 0.71, 0.175), NAVY),
    (circle(0.69, 0.71, 0.145), ACCENT),
    (thick_segment(0.625, 0.715, 0.670, 0.765, 0.022), WHITE),
    (thick_segment(0.670, 0.765, 0.765, 0.655, 0.022), WHITE),
]


def render(size, samples=4):
    """Returns RGBA rows for a square icon of the given size, with samples x samples supersampling."""
    rows = []
    n = samples * samples
    offsets = [(i + 0.5) / samples for i in range(samples)]
    for py in range(size):
        row = bytearray()
        for px in range(size):
            r = g = b = a = 0.0
            for oy in offsets:
                y = (py + oy) / size
                for ox in offsets:
                    x = (px + ox) / size
                    colour = None
                    for inside, c in LAYERS:
                        if inside(x, y):
                            colour = c
                    if colour is not None:
                        r += colour[0]
                        g += colour[1]
                        b += colour[2]
                        a += 1.0
            if a > 0:
                # Straight (not premultiplied) alpha: average colour of the covered samples.
                row += bytes((round(r / a), round(g / a), round(b / a), round(255 * a / n)))
            else:
                row += bytes((0, 0, 0, 0))
        rows.append(bytes(row))
    return rows


def png_bytes(size, rows):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + row for row in rows)  # filter type 0 on every row
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out_dir = os.path.join(root, "assets", "icons")
    os.makedirs(out_dir, exist_ok=True)
    for name, size in SIZES.items():
        path = os.path.join(out_dir, name)
        with open(path, "wb") as f:
            f.write(png_bytes(size, render(size)))
        print(f"wrote {os.path.relpath(path, root)} ({size}x{size})", file=sys.stderr)


if __name__ == "__main__":
    main()
