#!/usr/bin/env python3
"""Renders the radar charts of itav_portfolio_svg() with headless Chromium and checks the
pictures are not blank: each series' fill shows in a fair number of pixels, the outlines and
the label text are drawn. Python standard library only (the PNG is decoded with zlib).

    render_check.py MAKE_SVG [--out DIR]

MAKE_SVG is tests/svg/make_svg from the build tree; --out keeps the SVGs and PNGs in DIR
(default: a temporary directory that is removed). Exits 77 (skipped) when Chromium is not
installed.
"""
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SKIP = 77
BACKGROUND = (255, 255, 255)


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


def render(chromium, svg_path, png_path):
    """Screenshots the SVG at its own size; returns (width, height)."""
    with open(svg_path, encoding="utf-8") as f:
        head = f.read(600)
    m = re.search(r'<svg [^>]*width="(\d+)" height="(\d+)"', head)
    if not m:
        raise AssertionError(f"{svg_path}: no width and height on <svg>")
    width, height = int(m.group(1)), int(m.group(2))
    if os.path.exists(png_path):
        os.remove(png_path)
    with tempfile.TemporaryDirectory() as profile:
        cmd = [chromium, "--headless", "--disable-gpu", "--no-sandbox",
               "--hide-scrollbars", f"--user-data-dir={profile}",
               f"--screenshot={png_path}", f"--window-size={width},{height}",
               "file://" + os.path.abspath(svg_path)]
        run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=150)
    if not os.path.exists(png_path):
        raise AssertionError(f"chromium wrote no {png_path} (exit {run.returncode}):\n"
                             + run.stderr.decode(errors="replace")[-2000:])
    return width, height


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_png(path):
    """Returns (width, height, rows) with rows of (r, g, b) tuples; 8-bit RGB or RGBA only."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise AssertionError(f"{path} is not a PNG")
    pos, idat, width = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace:
                raise AssertionError(f"{path}: unsupported PNG (depth {depth}, colour type "
                                     f"{colour}, interlace {interlace})")
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        ftype, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = prev[i]
            corner = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + left) & 0xFF
            elif ftype == 2:
                line[i] = (line[i] + up) & 0xFF
            elif ftype == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif ftype == 4:
                line[i] = (line[i] + paeth(left, up, corner)) & 0xFF
            elif ftype != 0:
                raise AssertionError(f"{path}: unknown filter {ftype} in row {y}")
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(width)])
        prev = line
    return width, height, rows


def series_colours(svg_text):
    """{"a": (solid, over_white), ...} from the polygons' fill and fill-opacity."""
    found = {}
    for name, fill, opacity in re.findall(
            r'<g class="series series-(\w)">\n<polygon class="area" fill="#([0-9a-f]{6})" '
            r'fill-opacity="([0-9.]+)"', svg_text):
        solid = tuple(int(fill[i:i + 2], 16) for i in (0, 2, 4))
        alpha = float(opacity)
        blended = tuple(round(255 * (1 - alpha) + c * alpha) for c in solid)
        found[name] = (solid, blended)
    return found


def near(p, q, tolerance):
    return all(abs(x - y) <= tolerance for x, y in zip(p, q))


def check_picture(svg_path, png_path, min_fill):
    with open(svg_path, encoding="utf-8") as f:
        colours = series_colours(f.read())
    width, height, rows = decode_png(png_path)
    total = width * height
    counts = {"background": 0, "dark": 0}
    for name in colours:
        counts["fill-" + name] = counts["line-" + name] = 0
    for row in rows:
        for p in row:
            if p == BACKGROUND:
                counts["background"] += 1
                continue
            if max(p) < 90:
                counts["dark"] += 1  # label text
            for name, (solid, blended) in colours.items():
                if near(p, blended, 6):
                    counts["fill-" + name] += 1
                elif near(p, solid, 12):
                    counts["line-" + name] += 1
    name = os.path.basename(png_path)
    print(f"{name}: {width}x{height}, " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    problems = []
    if counts["background"] > total * 0.97:
        problems.append("the picture is (almost) all background")
    if counts["background"] < total * 0.40:
        problems.append("less than 40% background: the chart covers everything")
    if counts["dark"] < 2000:
        problems.append(f"only {counts['dark']} dark pixels: are the labels drawn?")
    for series in colours:
        if counts["fill-" + series] < min_fill:
            problems.append(f"series {series}: {counts['fill-' + series]} fill pixels, "
                            f"expected at least {min_fill}")
        if counts["line-" + series] < 200:
            problems.append(f"series {series}: {counts['line-' + series]} outline pixels")
    return [f"{name}: {p}" for p in problems]


def check_json(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    problems = []
    if sorted(doc) != ["a", "b", "difference"]:
        problems.append(f"members {sorted(doc)}")
        return problems
    for side, count in (("a", 7), ("b", 5)):
        p = doc[side]
        if p["count"] != count or len(p["members"]) != count or p["profile"] != "table":
            problems.append(f"{side}: count {p['count']}, profile {p.get('profile')}")
        for code, c in p["coverage"].items():
            if abs(c["share"] - c["present"] / count) > 1e-9 or c["known"] != count:
                problems.append(f"{side}.coverage.{code}: {c}")
        cells = sum(sum(row.values()) for row in p["table"].values())
        if cells != count:
            problems.append(f"{side}.table holds {cells} interventions")
    # seed 001 L2360: informal support, equality and demand-led are shared by all examples
    for code in ("informal_support", "equality", "demand_led"):
        if doc["difference"][code] != 0:
            problems.append(f"difference.{code} is {doc['difference'][code]}")
    # seed 001 L2373-2385: low-threshold: 7 of 7 informal, 3 of 5 formal examples
    if abs(doc["difference"]["low_threshold"] - (3 / 5 - 1)) > 1e-9:
        problems.append(f"difference.low_threshold is {doc['difference']['low_threshold']}")
    return [f"compare.json: {p}" for p in problems]


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    make_svg, out = args[0], None
    if len(args) == 3 and args[1] == "--out":
        out = args[2]
    chromium = find_chromium()
    if not chromium:
        print("chromium is not installed: skipping the render check")
        return SKIP
    work = out or tempfile.mkdtemp(prefix="itav-svg-")
    os.makedirs(work, exist_ok=True)
    try:
        subprocess.run([make_svg, work], check=True, timeout=60)
        problems = check_json(os.path.join(work, "compare.json"))
        # a fill must cover a visible area: about 45 by 45 pixels at least
        for name, min_fill in (("profile", 5000), ("unknown", 5000), ("compare", 2000)):
            svg = os.path.join(work, name + ".svg")
            png = os.path.join(work, name + ".png")
            render(chromium, svg, png)
            problems += check_picture(svg, png, min_fill)
    finally:
        if not out:
            shutil.rmtree(work, ignore_errors=True)
    for p in problems:
        print("FAIL " + p)
    if out:
        print(f"pictures in {work}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
