"""Reads and validates real-bug case files (format: README.md, "Case format").

A case file is `key: value` lines; blank lines and lines starting with `#`
are ignored. Every error names the file and line, so a bad case is fixed,
never skipped in silence.
"""
import os
import re

REQUIRED = ["id", "check", "repo", "fix", "importpath", "package", "file", "line", "url", "note"]
OPTIONAL = ["fixfile", "fixline", "related", "deps", "tests"]
CHECKS = ["nil", "race"]


class CaseError(Exception):
    pass


class Case:
    def __init__(self, path, fields):
        self.path = path
        self.id = fields["id"]
        self.check = fields["check"]
        self.repo = fields["repo"]
        self.fix = fields["fix"]
        self.importpath = fields["importpath"]
        self.packages = fields["package"].split()
        self.file = fields["file"]
        self.line = int(fields["line"])
        self.fixfile = fields.get("fixfile", self.file)
        self.fixline = int(fields.get("fixline", self.line))
        self.related = [parse_location(path, r) for r in fields.get("related", "").split()]
        self.deps = fields.get("deps", "").split()
        self.tests = fields.get("tests", "false") == "true"
        self.url = fields["url"]
        self.note = fields["note"]

    def mirror_name(self):
        return self.repo.replace("/", "+")

    def bug_locations(self):
        """Where a finding on the parent counts: the bug line and the related accesses."""
        return [(self.file, self.line)] + self.related

    def fixed_locations(self):
        return [(self.fixfile, self.fixline)]


def parse_location(path, text):
    m = re.fullmatch(r"(.+\.go):(\d+)", text)
    if not m:
        raise CaseError(f"{path}: related location {text!r} is not file.go:LINE")
    return (m.group(1), int(m.group(2)))


def read_case(path):
    fields = {}
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            key, sep, value = line.partition(":")
            key, value = key.strip(), value.strip()
            if not sep or key not in REQUIRED + OPTIONAL:
                raise CaseError(f"{path}:{n}: expected 'key: value' with a known key, got {line!r}")
            if key in fields:
                raise CaseError(f"{path}:{n}: {key} given twice")
            fields[key] = value
    missing = [k for k in REQUIRED if not fields.get(k)]
    if missing:
        raise CaseError(f"{path}: missing {', '.join(missing)}")
    checks = {
        "check": lambda v: v in CHECKS,
        "fix": lambda v: re.fullmatch(r"[0-9a-f]{40}", v),
        "repo": lambda v: re.fullmatch(r"[\w.-]+/[\w.-]+", v),
        "line": lambda v: v.isdigit(),
        "fixline": lambda v: v.isdigit(),
        "tests": lambda v: v in ("true", "false"),
        "file": lambda v: v.endswith(".go"),
        "fixfile": lambda v: v.endswith(".go"),
    }
    for key, ok in checks.items():
        if key in fields and not ok(fields[key]):
            raise CaseError(f"{path}: bad {key}: {fields[key]!r}")
    case = Case(path, fields)
    expected = os.path.splitext(os.path.basename(path))[0]
    if case.id != expected:
        raise CaseError(f"{path}: id {case.id!r} differs from the file name {expected!r}")
    if not case.id.endswith("-" + case.fix[:7]):
        raise CaseError(f"{path}: id {case.id!r} should end with -{case.fix[:7]} (the fix's short hash)")
    if os.path.basename(os.path.dirname(path)) != case.check:
        raise CaseError(f"{path}: a {case.check} case belongs in cases/{case.check}/")
    return case


def load_cases(cases_dir, check, ids):
    """Cases of `check` ("all" for every check), restricted to `ids` when given, sorted by id."""
    out = []
    for c in CHECKS:
        if check not in ("all", c):
            continue
        d = os.path.join(cases_dir, c)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".case"):
                out.append(read_case(os.path.join(d, name)))
    if ids:
        known = {c.id for c in out}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise CaseError(f"no such case: {', '.join(unknown)}")
        out = [c for c in out if c.id in ids]
    return sorted(out, key=lambda c: (c.check, c.id))
