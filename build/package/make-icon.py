"""Writes icon.png (128x128 RGBA) for the NuGet packages: one endpoint fanning out to three models, on a rounded
square. Pure Python (zlib only), so it needs nothing this machine lacks; rerun after changing the drawing."""
import math, struct, zlib

N = 128
def rounded_square(x, y, r=24):
    dx = max(r - x, 0, x - (N - 1 - r)); dy = max(r - y, 0, y - (N - 1 - r))
    return math.hypot(dx, dy) <= r

def seg_dist(px, py, ax, ay, bx, by):
    vx, vy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)))
    return math.hypot(px - (ax + t * vx), py - (ay + t * vy))

hub = (36, 64); models = [(96, 30), (96, 64), (96, 98)]
rows = []
for y in range(N):
    row = bytearray([0])
    for x in range(N):
        if not rounded_square(x, y):
            row += bytes([0, 0, 0, 0]); continue
        t = (x + y) / (2 * (N - 1))  # indigo to teal
        r, g, b = int(67 + (20 - 67) * t), int(56 + (184 - 56) * t), int(202 + (166 - 202) * t)
        white = any(seg_dist(x, y, *hub, *m) <= 3.2 for m in models) \
            or math.hypot(x - hub[0], y - hub[1]) <= 13 or any(math.hypot(x - m[0], y - m[1]) <= 9 for m in models)
        row += bytes([255, 255, 255, 255]) if white else bytes([r, g, b, 255])
    rows.append(bytes(row))

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0)) \
    + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
open(__file__.replace("make-icon.py", "icon.png"), "wb").write(png)
