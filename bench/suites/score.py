#!/usr/bin/env python3
"""Scores vigil-nil findings against the nil-panic marks of other tools' suites.

usage: score.py MODULE_DIR   (MODULE_DIR holds the copied suites and findings.json)

Marks counted (each names a nil dereference that panics):
  staticcheck: //@ diag(`possible nil pointer dereference`)
  nilness:     // want "nil dereference in ..."
Other marks of those suites (impossible conditions, panic(nil), slice-to-array
conversions) are not nil dereferences and are left out.
"""
import json
import os
import re
import sys

MARKS = [
    re.compile(r'//@ diag\(`possible nil pointer dereference`\)'),
    re.compile(r'want "nil dereference in [^"]*"'),
]


def marks(module):
    """(suite, relative file, line) of every counted mark."""
    found = []
    for dirpath, _, files in os.walk(module):
        for name in sorted(files):
            if not name.endswith(".go"):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, module)
            with open(path, encoding="utf-8") as f:
                for i, line in enumerate(f, 1):
                    if any(m.search(line) for m in MARKS):
                        found.append((rel.split(os.sep)[0], rel, i))
    return found


def findings(module):
    """(relative file, line, message) of every vigil-nil finding."""
    with open(os.path.join(module, "findings.json"), encoding="utf-8") as f:
        text = f.read().strip()
    doc = json.loads(text) if text else {}
    out = []
    for checks in doc.values():
        for f in checks.get("vigil-nil", []):
            path, line = f["posn"].rsplit(":", 2)[:2]
            out.append((os.path.relpath(path, module), int(line), f["message"]))
    return out


def main():
    module = sys.argv[1]
    want = marks(module)
    got = findings(module)
    reported = {(p, l) for p, l, _ in got}
    marked = {(p, l) for _, p, l in want}
    print(f"{'suite':<12} {'marks':>6} {'found':>6} {'recall':>7}")
    for suite in sorted({s for s, _, _ in want}):
        mine = [(p, l) for s, p, l in want if s == suite]
        hit = sum(1 for k in mine if k in reported)
        print(f"{suite:<12} {len(mine):>6} {hit:>6} {hit / len(mine):>7.0%}")
    missed = sorted(k for k in marked if k not in reported)
    if missed:
        print("\nmissed marks:")
        for p, l in missed:
            print(f"  {p}:{l}")
    extra = sorted((p, l, m) for p, l, m in got if (p, l) not in marked)
    print(f"\nfindings on unmarked lines: {len(extra)} (read them: a suite can leave a real panic unmarked)")
    for p, l, m in extra:
        print(f"  {p}:{l}: {m}")


if __name__ == "__main__":
    main()
