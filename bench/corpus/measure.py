#!/usr/bin/env python3
"""Runs a command and reports its cost: wall time, CPU time and peak memory.

usage: measure.py REPORT.json -- COMMAND [ARGS...]

Two memory figures, because Vigil is two processes (the .NET analyzer and the
Go front-end it starts, which itself runs `go list`):
- max_rss_kib: the largest resident set of any single process in the tree
  (the kernel's rusage of waited-for children, what `/usr/bin/time -v` prints
  as "Maximum resident set size");
- tree_rss_kib: the peak of the summed resident sets of the whole process tree,
  sampled every 100 ms from /proc (a short spike between samples is missed).
The command's exit status is passed through; stdout and stderr are inherited.
"""
import json, os, resource, subprocess, sys, time


def children_of():
    """Maps a pid to its child pids, from /proc."""
    kids = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def tree_rss_kib(root):
    kids, total, todo = children_of(), 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(kids.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except OSError:
            pass
    return total


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit(__doc__)
    report, cmd = sys.argv[1], sys.argv[3:]
    start = time.monotonic()
    proc = subprocess.Popen(cmd)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss_kib(proc.pid))
        time.sleep(0.1)
    wall = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(report, "w") as f:
        json.dump({"exit": proc.returncode, "wall_s": round(wall, 2),
                   "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
                   "max_rss_kib": usage.ru_maxrss, "tree_rss_kib": peak}, f)
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
