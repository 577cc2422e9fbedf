#!/usr/bin/env python3
"""Scores Vigil on fixed real bugs: each case's buggy parent and its fix,
exported from the repository's mirror into a temporary GOPATH and checked in
GOPATH mode. Called by run.sh, which builds the CLI (README.md says more).

usage: realbugs.py --cases DIR [nil|race|all] [ids...]
env:   VIGIL_CLI (vigil.dll), VIGIL_GO, OUT, MIRROR, KEEP
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

from cases import CaseError, load_cases

NEAR = 3  # a finding this many lines from the bug line still counts (the fix may move code a little)
TIMEOUT = 900  # seconds for one vigil run; a run past it counts as not loaded


def git(mirror, *args):
    return subprocess.run(["git", "--git-dir", mirror, *args], capture_output=True, text=True)


def export(mirror, rev, dest):
    """Writes the tree of `rev` to `dest` (git archive, no .git)."""
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    archive = subprocess.Popen(["git", "--git-dir", mirror, "archive", rev], stdout=subprocess.PIPE)
    subprocess.run(["tar", "-x", "-C", dest], stdin=archive.stdout, check=True)
    if archive.wait() != 0:
        raise RuntimeError(f"git archive {rev} failed")


def missing_deps(case):
    """The case's Debian packages that are not installed, after one try to install them."""
    def missing():
        return [d for d in case.deps
                if subprocess.run(["dpkg", "-s", d], capture_output=True).returncode != 0]
    lacking = missing()
    if lacking:
        print(f"installing {' '.join(lacking)} for {case.id}", file=sys.stderr, flush=True)
        subprocess.run(["apt-get", "-o", "DPkg::Lock::Timeout=900", "install", "-y", "-q", *lacking],
                       capture_output=True)
        lacking = missing()
    return lacking


def run_vigil(case, gopath, srcdir, out_prefix):
    """Runs vigil on the case's packages; returns (findings, load errors, failure or None)."""
    env = dict(os.environ, GOPATH=f"{gopath}:/usr/share/gocode", GO111MODULE="off", GOFLAGS="")
    cmd = ["dotnet", os.environ["VIGIL_CLI"], "check", "--checks", case.check, "--format", "json",
           f"--tests={'true' if case.tests else 'false'}", *case.packages]
    try:
        proc = subprocess.run(cmd, cwd=srcdir, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        return [], [], f"timed out after {TIMEOUT}s"
    with open(out_prefix + ".json", "w", encoding="utf-8") as f:
        f.write(proc.stdout)
    with open(out_prefix + ".stderr", "w", encoding="utf-8") as f:
        f.write(proc.stderr)
    errors = [l for l in proc.stderr.splitlines() if l.strip()]
    # Vigil prints a JSON document whenever it ran, `{}` when nothing was found; packages that
    # do not type-check are still analyzed and their errors go to stderr (exit 2).
    try:
        doc = json.loads(proc.stdout)
    except json.JSONDecodeError:
        doc = None
    if doc is None or proc.returncode not in (0, 1, 2):
        return [], errors, f"exit {proc.returncode}: {' '.join(errors[:2]) or 'no message'}"
    real = os.path.realpath(srcdir)
    findings = []
    for checks in doc.values():
        for f in checks.get("vigil-" + case.check, []):
            positions = [f["posn"]] + [r["posn"] for r in f.get("related", [])]
            findings.append({"message": f["message"], "posn": relative(f["posn"], real),
                             "positions": [relative(p, real) for p in positions]})
    return findings, errors, None


def relative(posn, root):
    """'/abs/dir/f.go:12:3' -> ('dir/f.go', 12), relative to the repository root."""
    path, line = posn.rsplit(":", 2)[:2]
    path = os.path.realpath(path)
    return (os.path.relpath(path, root) if path.startswith(root + os.sep) else path, int(line))


def matching(findings, locations):
    """Findings whose position, or a position of whose trace, is within NEAR lines of a location."""
    def near(p):
        return any(p[0] == f and abs(p[1] - l) <= NEAR for f, l in locations)
    return [f for f in findings if any(near(p) for p in f["positions"])]


def score(case, mirror, work, out):
    """One row of the table: a dict with the outcome on the parent and on the fix."""
    row = {"id": case.id, "check": case.check}
    if not os.path.isdir(mirror):
        row["setup"] = f"not set up: fetch github:{case.repo} first"
        return row
    if git(mirror, "cat-file", "-e", case.fix + "^{commit}").returncode != 0:
        row["setup"] = f"not set up: {case.fix[:7]} is not in the mirror (fetch github:{case.repo} again)"
        return row
    parent = git(mirror, "rev-parse", case.fix + "^1").stdout.strip()
    lacking = missing_deps(case)
    if lacking:
        row["setup"] = f"not set up: install {' '.join(lacking)}"
        return row
    for side, rev, locations in (("parent", parent, case.bug_locations()), ("fix", case.fix, case.fixed_locations())):
        gopath = os.path.join(work, case.id, side)
        srcdir = os.path.join(gopath, "src", case.importpath)
        export(mirror, rev, srcdir)
        absent = [f for f, _ in locations if not os.path.isfile(os.path.join(srcdir, f))]
        if absent:
            row["setup"] = f"not set up: {side} has no {absent[0]}"
            return row
        findings, errors, failure = run_vigil(case, gopath, srcdir, os.path.join(out, f"{case.id}.{side}"))
        row[side] = {"errors": errors, "failure": failure, "total": len(findings),
                     "hits": matching(findings, locations)}
        if not os.environ.get("KEEP"):
            shutil.rmtree(os.path.join(work, case.id, side), ignore_errors=True)
    return row


def loaded(row):
    p = row["parent"]
    if p["failure"]:
        return "FAILED"
    return "ok" if not p["errors"] else f"{len(p['errors'])} errors"


def report(rows, out):
    print(f"{'id':<44} {'check':<5} {'loaded':<10} {'found':<5} {'silent':<6} finding on the parent")
    set_up = [r for r in rows if "setup" not in r]
    for r in rows:
        if "setup" in r:
            print(f"{r['id']:<44} {r['check']:<5} {r['setup']}")
            continue
        hits = r["parent"]["hits"]
        found = bool(hits)
        silent = not r["fix"]["hits"]
        message = hits[0]["message"] if hits else f"({r['parent']['total']} other findings)"
        where = f"{hits[0]['posn'][0]}:{hits[0]['posn'][1]}: " if hits else ""
        print(f"{r['id']:<44} {r['check']:<5} {loaded(r):<10} {'yes' if found else 'no':<5} "
              f"{('yes' if silent else 'NO') if found else '-':<6} {where}{message}")
    for r in set_up:
        for side in ("parent", "fix"):
            s = r[side]
            if s["failure"] or s["errors"]:
                first = s["failure"] or s["errors"][0]
                print(f"  load {side} of {r['id']}: {first}" + (f" (+{len(s['errors']) - 1} more)" if len(s["errors"]) > 1 else ""))
    for check in sorted({r["check"] for r in rows}):
        mine = [r for r in set_up if r["check"] == check]
        found = [r for r in mine if r["parent"]["hits"]]
        silent = [r for r in found if not r["fix"]["hits"]]
        pct = lambda a, b: f"{100 * a / b:.0f}%" if b else "-"
        print(f"{check}: {len([r for r in rows if r['check'] == check])} cases, {len(mine)} set up, "
              f"found {len(found)}/{len(mine)} ({pct(len(found), len(mine))}), "
              f"silent on the fix {len(silent)}/{len(found)} ({pct(len(silent), len(found))}); "
              f"loaded without errors {len([r for r in mine if loaded(r) == 'ok'])}/{len(mine)}")
    print(f"outputs: {out}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", required=True)
    ap.add_argument("check", nargs="?", default="all", choices=["nil", "race", "all"])
    ap.add_argument("ids", nargs="*")
    args = ap.parse_args()
    try:
        cases = load_cases(args.cases, args.check, args.ids)
    except CaseError as e:
        print(f"realbugs: {e}", file=sys.stderr)
        return 2
    out = os.environ.get("OUT", "/tmp/vigil-realbugs")
    mirrors = os.environ.get("MIRROR", "/work/.mirror")
    work = os.path.join(out, "trees")
    os.makedirs(out, exist_ok=True)
    rows = []
    for case in cases:
        if sys.stderr.isatty():
            print(f"... {case.id}", file=sys.stderr, flush=True)
        mirror = os.path.join(mirrors, case.mirror_name(), "repo")
        if os.path.isdir(os.path.join(mirror, ".git")):  # some snapshots arrive as a work tree
            mirror = os.path.join(mirror, ".git")
        rows.append(score(case, mirror, work, out))
    with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(rows, f, indent=1, default=list)
    report(rows, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
