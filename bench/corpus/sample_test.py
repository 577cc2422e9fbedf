#!/usr/bin/env python3
"""Checks of sample.py on a small synthetic corpus run (offline, deterministic).

usage: python3 bench/corpus/sample_test.py
"""
import json, os, subprocess, sys, tempfile, unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "sample.py")
SRC = "/usr/share/gocode/src/"


def finding(path, line, message):
    return {"posn": f"{SRC}{path}:{line}:2", "message": message, "related": []}


def write_run(out, findings_by_project):
    """A corpus run as run.sh leaves it: manifest, vigil.txt and NAME.json files."""
    with open(os.path.join(out, "manifest.tsv"), "w") as f:
        for project in findings_by_project:
            f.write(f"{project}\tgolang-{project.replace('/', '-')}-dev\t1.0-1\texample.com/{project}\n")
    with open(os.path.join(out, "vigil.txt"), "w") as f:
        f.write("vigil commit: 0123abc\ngo: go version go1.23.5 linux/amd64\ntests: false\n")
    for project, by_package in findings_by_project.items():
        with open(os.path.join(out, project.replace("/", "_") + ".json"), "w") as f:
            json.dump({pkg: {"vigil-race": fs} for pkg, fs in by_package.items()}, f)


def run(*args):
    p = subprocess.run([sys.executable, SAMPLE, *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def read(path):
    with open(path) as f:
        return f.read()


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def rows(md):
    text = read(md)
    sample = text.split("## Sample", 1)[1].split("## Archive", 1)[0]
    return [line for line in sample.splitlines() if line.startswith("| ") and line[2].isdigit()]


class SampleTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.out = self.tmp.name
        self.md = os.path.join(self.out, "race-sample.md")
        corpus = {}
        for p in ("a/one", "b/two"):
            corpus[p] = {f"example.com/{p}": [finding(f"example.com/{p}/x.go", n, f"data race: f{n} written")
                                              for n in range(1, 11)]}
        # A test variant of a package repeats a finding: it must count once.
        corpus["a/one"]["example.com/a/one [example.com/a/one.test]"] = [
            finding("example.com/a/one/x.go", 1, "data race: f1 written")]
        write_run(self.out, corpus)

    def tearDown(self):
        self.tmp.cleanup()

    def draw(self, n):
        code, stdout, stderr = run("race", "--n", str(n), "--out", self.out, "--md", self.md)
        self.assertEqual(code, 0, stderr)
        return stdout

    def test_draw_is_seeded_and_deduplicated(self):
        stdout = self.draw(5)
        self.assertIn("5 of 20 race findings", stdout)
        first = rows(self.md)
        self.draw(5)
        self.assertEqual(first, rows(self.md))

    def test_verdicts_survive_a_redraw_and_come_back_from_the_archive(self):
        self.draw(6)
        text = read(self.md)
        judged = rows(self.md)[5]  # the last drawn: dropped when only 3 are drawn
        text = text.replace(judged, judged[: -len("|  |  |")] + "| FALSE | lock held at the call site |")
        write(self.md, text + "\n## Families\nkept as written\n")
        self.draw(3)
        self.assertNotIn("| FALSE |", "\n".join(rows(self.md)))
        self.assertIn("## Archive", read(self.md))
        self.draw(6)
        self.assertIn("| FALSE | lock held at the call site |", rows(self.md)[5])
        self.assertNotIn("## Archive", read(self.md))
        self.assertIn("## Families\nkept as written", read(self.md))

    def test_check_rejects_a_real_without_witness_and_unknown_verdicts(self):
        self.draw(2)
        r = rows(self.md)
        text = read(self.md)
        text = text.replace(r[0], r[0][: -len("|  |  |")] + "| REAL | looks racy |")
        text = text.replace(r[1], r[1][: -len("|  |  |")] + "| MAYBE | ? |")
        write(self.md, text)
        code, _, stderr = run("race", "--check", "--md", self.md)
        self.assertNotEqual(code, 0)
        self.assertIn("REAL without a named witness", stderr)
        self.assertIn("verdict 'MAYBE'", stderr)

    def test_check_prints_precision(self):
        self.draw(2)
        r = rows(self.md)
        text = read(self.md)
        text = text.replace(r[0], r[0][: -len("|  |  |")] + "| REAL | witness: two goroutines |")
        text = text.replace(r[1], r[1][: -len("|  |  |")] + "| FALSE | one goroutine |")
        write(self.md, text)
        code, stdout, stderr = run("race", "--check", "--md", self.md)
        self.assertEqual(code, 0, stderr)
        self.assertIn("= 1/2 = 50 %", stdout)


if __name__ == "__main__":
    unittest.main()
