#!/usr/bin/env python3
"""Summarizes a JFR recording made by the bench (--jfr=socketeer): CPU samples by top frame and by
first Socketeer frame, allocation samples by first Socketeer frame, and monitor/park waits.

Usage: bench/jfr-hotspots.py bench-results/latest/socketeer-fanout-r0.jfr [top-N]
"""
import collections, json, subprocess, sys

def events(path, name, depth=64):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events", name, path],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]

def frame(f):
    m = f["method"]
    return "%s.%s:%s" % (m["type"]["name"].replace("/", "."), m["name"], f.get("lineNumber", "?"))

def first_own(frames):
    frames = frames or []
    for f in frames:
        name = f["method"]["type"]["name"].replace("/", ".")
        if name.startswith("dev.socketeer") and "$$Lambda" not in name:
            return frame(f)
    return "(no socketeer frame) " + (frame(frames[0]) if frames else "?")

def show(title, counter, total, n):
    print("\n## %s (%d samples)" % (title, total))
    for k, v in counter.most_common(n):
        print("%6.1f%%  %s" % (100.0 * v / max(total, 1), k))

def main():
    path, n = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 15
    cpu = events(path, "jdk.ExecutionSample")
    top, own = collections.Counter(), collections.Counter()
    for e in cpu:
        frames = (e["values"].get("stackTrace") or {}).get("frames")
        if frames:
            top[frame(frames[0])] += 1
            own[first_own(frames)] += 1
    show("CPU: top frame", top, len(cpu), n)
    show("CPU: first Socketeer frame", own, len(cpu), n)
    alloc = events(path, "jdk.ObjectAllocationSample")
    by_site, by_class = collections.Counter(), collections.Counter()
    total = 0
    for e in alloc:
        w = e["values"].get("weight", 1)
        total += w
        by_site[first_own((e["values"].get("stackTrace") or {}).get("frames"))] += w
        by_class[e["values"]["objectClass"]["name"]] += w
    show("allocation weight by first Socketeer frame", by_site, total, n)
    show("allocation weight by class", by_class, total, n)
    for name in ("jdk.JavaMonitorEnter", "jdk.ThreadPark"):
        waits = collections.Counter()
        evs = events(path, name, 16)
        for e in evs:
            waits[first_own((e["values"].get("stackTrace") or {}).get("frames"))] += 1
        show(name + " by first Socketeer frame", waits, len(evs), 8)

if __name__ == "__main__":
    main()
