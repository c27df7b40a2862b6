#!/usr/bin/env python3
"""examples/metrics_server.cc scraped over HTTP: starts the server on a free
port, reads /metrics, parses every line of the Prometheus text exposition,
and checks the acd families (TYPE, labels) and the values of the traffic the
server fed (see the server's opening comment); the JSON it wrote carries the
same samples.

  metrics_scrape_test.py METRICS_SERVER WORK_DIR
"""

import json
import math
import os
import re
import signal
import subprocess
import sys
import threading
import urllib.request

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\.)*)"'
SAMPLE = re.compile(
    rf"^({NAME})(?:\{{((?:{LABEL})(?:,{LABEL})*,?)?\}})? (\S+)(?: (-?\d+))?$")
HELP = re.compile(rf"^# HELP ({NAME}) (.*)$")
TYPE = re.compile(rf"^# TYPE ({NAME}) (counter|gauge|histogram|summary|untyped)$")


def fail(message):
    print(f"metrics_scrape_test: {message}", file=sys.stderr)
    sys.exit(1)


def number(text):
    """A sample value: a Go float, or NaN / +Inf / -Inf in any case."""
    lower = text.lower()
    if lower in ("nan", "+inf", "inf", "-inf"):
        return float(lower)
    if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", text):
        raise ValueError(text)
    return float(text)


def parse(text):
    """{family: {"type", "help", "samples": [(name, {labels}, value)]}}."""
    families, current = {}, None
    for n, line in enumerate(text.split("\n"), 1):
        if not line:
            continue
        if line.startswith("#"):
            m = HELP.match(line) or TYPE.match(line)
            if not m:
                fail(f"line {n} is neither HELP nor TYPE: {line!r}")
            family = families.setdefault(m.group(1), {"type": None, "help": None, "samples": []})
            family["help" if line.startswith("# HELP") else "type"] = m.group(2)
            current = m.group(1)
            continue
        m = SAMPLE.match(line)
        if not m:
            fail(f"line {n} does not parse as a sample: {line!r}")
        name, labels_text, value = m.group(1), m.group(2) or "", m.group(7)
        if current is None or not (name == current or name.startswith(current + "_")):
            fail(f"line {n}: sample {name} outside its family (after {current})")
        if families[current]["type"] is None:
            fail(f"line {n}: family {current} has no TYPE before its samples")
        labels = {k: v for k, v in re.findall(LABEL, labels_text)}
        try:
            families[current]["samples"].append((name, labels, number(value)))
        except ValueError:
            fail(f"line {n}: value {value!r} is not a number")
    return families


def start(server, json_path):
    process = subprocess.Popen([server, "0", json_path], stdout=subprocess.PIPE, text=True)
    first = []
    reader = threading.Thread(target=lambda: first.append(process.stdout.readline()))
    reader.start()
    reader.join(30)
    if not first or not first[0]:
        process.kill()
        fail("the server printed no listening line within 30 s")
    m = re.fullmatch(r"listening on (http://127\.0\.0\.1:(\d+)/metrics)\n", first[0])
    if not m or int(m.group(2)) == 0:
        process.kill()
        fail(f"unexpected first line {first[0]!r}")
    return process, m.group(1)


# The traffic the server feeds, as metrics: (family, labels, value).
CENTER = {"center": "demo"}
SUPPORT = {"center": "demo", "workgroup": "Support"}
SALES = {"center": "demo", "workgroup": "Sales"}
EXPECTED = {
    "acd_commands_applied_total": ("counter", [(CENTER, 9)]),
    "acd_commands_rejected_total": ("counter", [(CENTER, 0)]),
    "acd_timer_advances_total": ("counter", [(CENTER, 0)]),
    "acd_decision_backlog": ("gauge", [(CENTER, 0)]),
    "acd_stats_time_seconds": ("gauge", [(CENTER, 30)]),
    "acd_agents": ("gauge", [(dict(CENTER, activity=a), v) for a, v in
                             [("logged_out", 0), ("idle", 0), ("alerting", 1), ("busy", 1),
                              ("wrap_up", 0)]]),
    "acd_workgroup_waiting_interactions": ("gauge", [(SUPPORT, 2), (SALES, 0)]),
    "acd_workgroup_longest_wait_seconds": ("gauge", [(SUPPORT, 30), (SALES, 0)]),
    "acd_workgroup_agents_logged_in": ("gauge", [(SUPPORT, 1), (SALES, 1)]),
    "acd_workgroup_agents_activated": ("gauge", [(SUPPORT, 1), (SALES, 1)]),
    "acd_workgroup_agents_available": ("gauge", [(SUPPORT, 0), (SALES, 0)]),
    "acd_workgroup_agents_busy": ("gauge", [(SUPPORT, 1), (SALES, 1)]),
    "acd_workgroup_agents_wrap_up": ("gauge", [(SUPPORT, 0), (SALES, 0)]),
    "acd_workgroup_entered_total": ("counter", [(SUPPORT, 3), (SALES, 2)]),
    "acd_workgroup_answered_total": ("counter", [(SUPPORT, 1), (SALES, 0)]),
    "acd_workgroup_abandoned_total": ("counter", [(SUPPORT, 0), (SALES, 1)]),
    "acd_workgroup_completed_total": ("counter", [(SUPPORT, 0), (SALES, 0)]),
    "acd_workgroup_failed_total": ("counter", [(SUPPORT, 0), (SALES, 0)]),
    "acd_workgroup_transferred_out_total": ("counter", [(SUPPORT, 0), (SALES, 0)]),
    "acd_workgroup_completed_on_time_total": ("counter", [(SUPPORT, 0), (SALES, 0)]),
    "acd_workgroup_completed_late_total": ("counter", [(SUPPORT, 0), (SALES, 0)]),
    "acd_workgroup_answer_wait_seconds_total": ("counter", [(SUPPORT, 5), (SALES, 0)]),
    "acd_workgroup_interval_start_seconds": ("gauge", [(SUPPORT, 0), (SALES, 0)]),
    "acd_workgroup_interval_entered": ("gauge", [(SUPPORT, 3), (SALES, 2)]),
    "acd_workgroup_interval_answered": ("gauge", [(SUPPORT, 1), (SALES, 0)]),
    "acd_workgroup_interval_abandoned": ("gauge", [(SUPPORT, 0), (SALES, 1)]),
}
# Support has thresholds 20 s and 60 s; Sales the default 20 s. Call 1 was
# answered after 5 s; call 4 abandoned after 10 s.
S20, S60 = dict(SUPPORT, threshold_seconds="20"), dict(SUPPORT, threshold_seconds="60")
L20 = dict(SALES, threshold_seconds="20")
EXPECTED.update({
    "acd_workgroup_answered_within_threshold_total": ("counter", [(S20, 1), (S60, 1), (L20, 0)]),
    "acd_workgroup_abandoned_within_threshold_total": ("counter", [(S20, 0), (S60, 0), (L20, 1)]),
    "acd_workgroup_service_level_ratio": ("gauge", [(S20, 1), (S60, 1), (L20, 1)]),
    "acd_workgroup_service_level_with_abandons_ratio": ("gauge", [(S20, 1), (S60, 1), (L20, 0)]),
})


def main():
    server, work_dir = sys.argv[1], sys.argv[2]
    os.makedirs(work_dir, exist_ok=True)
    json_path = os.path.join(work_dir, "metrics.json")
    process, url = start(server, json_path)
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            if response.status != 200:
                fail(f"GET {url}: status {response.status}")
            content_type = response.headers.get("Content-Type", "")
            text = response.read().decode("utf-8")
    finally:
        process.send_signal(signal.SIGTERM)
        rc = process.wait(30)
    if rc != 0:
        fail(f"the server exited with {rc} on SIGTERM")
    if not content_type.startswith("text/plain"):
        fail(f"Content-Type {content_type!r}")

    families = parse(text)
    acd = {name: f for name, f in families.items() if name.startswith("acd_")}
    if sorted(acd) != sorted(EXPECTED):
        fail(f"acd families {sorted(acd)}, expected {sorted(EXPECTED)}")
    for name, (kind, samples) in EXPECTED.items():
        family = acd[name]
        if family["type"] != kind or not family["help"]:
            fail(f"{name}: TYPE {family['type']} HELP {family['help']!r}, expected {kind}")
        got = [(labels, value) for _, labels, value in family["samples"]]
        if got != samples:
            fail(f"{name}: samples {got}, expected {samples}")

    with open(json_path, encoding="utf-8") as f:
        document = json.load(f)
    from_json = {m["name"]: (m["type"], [(s["labels"], s["value"]) for s in m["samples"]])
                 for m in document["metrics"]}
    if from_json != EXPECTED:
        fail(f"the JSON differs from the expected metrics: {from_json}")
    for name, family in acd.items():
        if family["help"] != next(m["help"] for m in document["metrics"] if m["name"] == name):
            fail(f"{name}: the JSON's help differs from the text's")
    print(f"scraped {len(text.splitlines())} lines, {len(acd)} acd families, all as fed")


if __name__ == "__main__":
    main()
