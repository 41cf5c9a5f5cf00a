#!/usr/bin/env python3
"""Process and CPU figures from /proc for bench/run.sh.

  proc.py snap PID   -> JSON: CPU ticks (utime+stime) of PID and its descendants, per-core busy
                        and total jiffies from /proc/stat, wall time
  proc.py delta A B  -> JSON: target CPU % (100 = one core) and per-core busy % between snapshots
  proc.py hwm PID    -> peak RSS in KiB (VmHWM) summed over PID and its descendants
"""
import json
import os
import sys
import time


def tree(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def ticks(pid):
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def cores():
    out = {}
    with open("/proc/stat") as f:
        for line in f:
            parts = line.split()
            if parts[0].startswith("cpu") and parts[0] != "cpu":
                vals = [int(v) for v in parts[1:]]
                idle = vals[3] + (vals[4] if len(vals) > 4 else 0)
                out[parts[0]] = [sum(vals) - idle, sum(vals)]
    return out


def hwm(pid):
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        total += int(line.split()[1])
        except OSError:
            continue
    return total


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "snap":
        pid = int(sys.argv[2])
        print(json.dumps({"ticks": ticks(pid), "cores": cores(), "wall": time.time()}))
    elif cmd == "delta":
        a, b = json.loads(sys.argv[2]), json.loads(sys.argv[3])
        hz = os.sysconf("SC_CLK_TCK")
        wall = max(b["wall"] - a["wall"], 1e-6)
        out = {"cpu_pct": round(100.0 * (b["ticks"] - a["ticks"]) / hz / wall, 1)}
        for core, (busy, total) in b["cores"].items():
            busy0, total0 = a["cores"].get(core, [0, 0])
            out[core + "_busy_pct"] = round(100.0 * (busy - busy0) / max(total - total0, 1), 1)
        print(json.dumps(out))
    elif cmd == "hwm":
        print(hwm(int(sys.argv[2])))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
