#!/usr/bin/env python3
"""The HTML report in a real browser: headless Chromium renders the report of
scenarios/full_day.txtpb to PNG and dumps its DOM after layout.

Checks that the picture is not blank (the PNG decoded with zlib: distinct
colours, non-white pixels, the service-level line's colour present) and that
the n-th point of every service-level line carries, and sits at, the n-th
interval's service level in the run's JSON; and that a comparison's page
(tests/sim/html/comparison.json) carries the paired SL differences.

Usage: html_report_test.py ACDSIM SOURCE_DIR WORK_DIR
Exit 0: passed; 1: failed; 77: skipped (no Chromium), saying why.
"""

import html.parser
import json
import os
import shutil
import struct
import subprocess
import sys
import time
import zlib

SKIP = 77
# Per Chromium run; a loaded CI machine (2 cores shared) can be slow.
TIMEOUT_S = 300
WINDOW = (1280, 1800)
SL_COLOUR = (0x1F, 0x77, 0xB4)  # series slot 0 in the page's style


def fail(message):
    print(f"FAILED: {message}")
    sys.exit(1)


def chromium():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def run_chromium(browser, work_dir, args):
    """Runs headless Chromium (as root in a container too), with a timeout."""
    # No sandbox (root in a container has none), no GPU, and nothing that
    # reaches for the network (the page needs none).
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-dev-shm-usage", "--no-first-run", "--hide-scrollbars",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-extensions", "--no-default-browser-check",
               f"--user-data-dir={os.path.join(work_dir, 'profile')}"] + args
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        fail(f"chromium did not finish in {TIMEOUT_S} s: {' '.join(command)}")
    print(f"chromium {args[0].split('=')[0]}: {time.monotonic() - started:.1f} s")
    if done.returncode != 0:
        fail(f"chromium exited {done.returncode}: {done.stderr.decode(errors='replace')[-2000:]}")
    return done.stdout


def decode_png(path):
    """(width, height, rows of RGB(A) bytes) of an 8-bit RGB or RGBA PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(f"{path} is not a PNG")
    at, idat, header = 8, [], None
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind = data[at + 4:at + 8]
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        at += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace != 0:
        fail(f"unexpected PNG format: depth {depth}, colour type {colour}, interlace {interlace}")
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 0xFF
        elif kind == 2:
            for i in range(stride):
                line[i] = (line[i] + previous[i]) & 0xFF
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        elif kind != 0:
            fail(f"unknown PNG filter {kind} in row {y}")
        rows.append(bytes(line))
        previous = line
    return width, height, channels, rows


def check_picture(path):
    width, height, channels, rows = decode_png(path)
    if (width, height) != WINDOW:
        fail(f"the screenshot is {width}x{height}, not {WINDOW[0]}x{WINDOW[1]}")
    colours, non_white, sl_pixels = set(), 0, 0
    for row in rows:
        for x in range(0, len(row), channels):
            pixel = (row[x], row[x + 1], row[x + 2])
            colours.add(pixel)
            if pixel != (255, 255, 255):
                non_white += 1
            if all(abs(p - q) <= 8 for p, q in zip(pixel, SL_COLOUR)):
                sl_pixels += 1
    share = non_white / (width * height)
    print(f"picture: {width}x{height}, {len(colours)} distinct colours, "
          f"{100 * share:.1f}% non-white pixels, {sl_pixels} pixels of the first series' colour")
    if len(colours) < 16 or share < 0.02 or sl_pixels < 200:
        fail("the picture is (nearly) blank")


class Points(html.parser.HTMLParser):
    """The points (circle attributes) of each figure's series, and its axes."""

    def __init__(self):
        super().__init__()
        self.figure = None
        self.svg = {}
        self.points = {}  # (member, chart, series) -> [attrs]
        self.axes = {}  # (member, chart) -> svg attrs

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure" and "data-chart" in attrs:
            self.figure = (attrs.get("data-member", ""), attrs["data-chart"])
        elif tag == "svg" and self.figure:
            self.axes[self.figure] = attrs
        elif tag == "circle" and self.figure and "data-series" in attrs:
            key = self.figure + (attrs["data-series"],)
            self.points.setdefault(key, []).append(attrs)

    def handle_endtag(self, tag):
        if tag == "figure":
            self.figure = None


def check_sl_points(dom, document):
    parser = Points()
    parser.feed(dom)
    members = [("total", document["total_intervals"])]
    members += list(document["intervals"].items()) + list(document["contact_type_intervals"].items())
    checked = 0
    for name, intervals in members:
        points = parser.points.get((name, "service_level", "service_level_ans"))
        if points is None:
            fail(f"no service-level line for {name} in the DOM")
        if len(points) != len(intervals):
            fail(f"{name}: {len(points)} points for {len(intervals)} intervals")
        axes = parser.axes[(name, "service_level")]
        y_min, y_max = float(axes["data-y-min"]), float(axes["data-y-max"])
        for n, (point, interval) in enumerate(zip(points, intervals)):
            mean = interval["kpis"]["service_level_ans"]["mean"]
            if int(point["data-i"]) != n or float(point["data-start-s"]) != interval["start_s"]:
                fail(f"{name}: point {n} is for interval {point['data-i']} at {point['data-start-s']}")
            if mean is None:
                if point["data-value"] != "null" or point.get("r") != "0":
                    fail(f"{name}: point {n} has no value in the JSON but is drawn")
                continue
            if float(point["data-value"]) != mean:
                fail(f"{name}: point {n} carries {point['data-value']}, the JSON says {mean}")
            # The plot's y runs from 210 (y_min) up to 30 (y_max).
            expected_cy = 210 - (mean - y_min) / (y_max - y_min) * 180
            if abs(float(point["cy"]) - expected_cy) > 0.01:
                fail(f"{name}: point {n} sits at y {point['cy']}, not {expected_cy:.2f}")
            checked += 1
    print(f"DOM: {checked} service-level points of {len(members)} lines match the JSON")
    if checked == 0:
        fail("no service-level point had a value")


def check_comparison(acdsim, source_dir, work_dir, browser):
    """The comparison fixture's page: the n-th point of the total's paired SL
    difference carries the n-th interval's diff, with the zero line."""
    fixture = os.path.join(source_dir, "tests", "sim", "html", "comparison.json")
    page = os.path.join(work_dir, "comparison.html")
    subprocess.run([acdsim, "report", fixture, "-o", page], check=True, timeout=TIMEOUT_S)
    with open(fixture, encoding="utf-8") as f:
        document = json.load(f)
    dom = run_chromium(browser, work_dir,
                       ["--dump-dom", "file://" + os.path.abspath(page)]).decode("utf-8")
    parser = Points()
    parser.feed(dom)
    points = parser.points.get(("total", "diff-service_level_ans", "service_level_ans"), [])
    expected = [i["kpis"]["service_level_ans"]["diff"] for i in document["total_intervals"]]
    if [float(p["data-value"]) for p in points] != expected:
        fail(f"comparison: the paired SL difference points are {points}, not {expected}")
    if 'class="ref" data-value="0"' not in dom:
        fail("comparison: no zero line")
    print(f"comparison DOM: {len(points)} points of the paired SL difference match the JSON")


def main():
    acdsim, source_dir, work_dir = sys.argv[1:4]
    browser = chromium()
    if browser is None:
        print("SKIPPED: Chromium is not installed (Debian package 'chromium'; ./dev test "
              "installs it)")
        return SKIP
    shutil.rmtree(work_dir, ignore_errors=True)
    os.makedirs(work_dir)
    json_path = os.path.join(work_dir, "full_day.json")
    page = os.path.join(work_dir, "full_day.html")
    subprocess.run([acdsim, "run", os.path.join(source_dir, "scenarios", "full_day.txtpb"),
                    "--json", json_path, "--html", page], check=True, stdout=subprocess.DEVNULL,
                   timeout=TIMEOUT_S)
    with open(json_path, encoding="utf-8") as f:
        document = json.load(f)
    png = os.path.join(work_dir, "full_day.png")
    url = "file://" + os.path.abspath(page)
    run_chromium(browser, work_dir, [f"--screenshot={png}",
                                     f"--window-size={WINDOW[0]},{WINDOW[1]}", url])
    check_picture(png)
    dom = run_chromium(browser, work_dir, ["--dump-dom", url]).decode("utf-8")
    check_sl_points(dom, document)
    check_comparison(acdsim, source_dir, work_dir, browser)
    print("PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
