#!/usr/bin/env python3
"""Runs a command and reports the peak memory of each process of its tree.

usage: peak.py REPORT.json -- COMMAND [ARGS...]

Vigil is two processes (the .NET analyzer and the Go front-end it starts, which
runs `go list`), alive at different times, so one "Maximum resident set size"
says little. Every 50 ms this samples /proc for the whole tree and keeps:
- per process (by command name): its own peak, VmHWM (exact, from the kernel,
  read while the process lives, so the last sample before it exits counts);
- total_kib: the peak of the summed resident sets of the tree at one instant
  (a spike between two samples is missed; the per-process VmHWM are not).
The command's exit status is passed through; stdout and stderr are inherited.
"""
import json, os, subprocess, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus"))
from measure import children_of  # the process tree, read from /proc (shared with the corpus bench)


def status(pid):
    """(name, VmRSS KiB, VmHWM KiB) of a live process, or None."""
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        name = fields["Name"].strip()
        return name, int(fields.get("VmRSS", "0 kB").split()[0]), int(fields.get("VmHWM", "0 kB").split()[0])
    except (OSError, KeyError, ValueError):
        return None


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit(__doc__)
    report, cmd = sys.argv[1], sys.argv[3:]
    start = time.monotonic()
    proc = subprocess.Popen(cmd)
    hwm = {}    # pid -> (name, VmHWM)
    total = 0
    while proc.poll() is None:
        kids, todo, now = children_of(), [proc.pid], 0
        while todo:
            pid = todo.pop()
            todo.extend(kids.get(pid, []))
            s = status(pid)
            if s is None:
                continue
            name, rss, peak = s
            now += rss
            hwm[pid] = (name, max(peak, hwm.get(pid, (name, 0))[1]))
        total = max(total, now)
        time.sleep(0.05)
    wall = time.monotonic() - start
    by_name = {}
    for name, peak in hwm.values():
        by_name[name] = max(by_name.get(name, 0), peak)
    with open(report, "w") as f:
        json.dump({"exit": proc.returncode, "wall_s": round(wall, 2), "total_kib": total,
                   "peak_kib_by_process": by_name}, f, sort_keys=True)
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
