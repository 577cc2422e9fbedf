"""Scores vigil-race findings against the race detector suite's TestRace/TestNoRace functions.

A test function spans from its `func` line to the line before the next
top-level declaration. A finding counts for the test its primary position is
in ("by position"); the second score also credits a test when the finding's
trace starts a goroutine inside it ("by position or start"), since a race
between two helper functions is reported in a helper.
"""
import json, os, re, sys
from collections import defaultdict

mod, findings_path = sys.argv[1], sys.argv[2]
decl = re.compile(r'^(func|type|var|const|import)\b')
testfn = re.compile(r'^func (Test(No)?Race\w*)\(')

spans = {}   # file -> list of (start, end, name)
tests = {}   # name -> (file, kind)
for name in sorted(os.listdir(mod)):
    if not name.endswith('.go'):
        continue
    lines = open(os.path.join(mod, name)).read().split('\n')
    starts = [i + 1 for i, l in enumerate(lines) if decl.match(l)] + [len(lines) + 1]
    for k, s in enumerate(starts[:-1]):
        m = testfn.match(lines[s - 1])
        if m:
            spans.setdefault(name, []).append((s, starts[k + 1] - 1, m.group(1)))
            tests[m.group(1)] = (name, 'norace' if m.group(2) else 'race')

def test_at(posn):
    m = re.match(r'(.*):(\d+):\d+$', posn)
    if not m:
        return None
    f, line = os.path.basename(m.group(1)), int(m.group(2))
    for s, e, n in spans.get(f, []):
        if s <= line <= e:
            return n
    return None

data = json.load(open(findings_path))
by_pos, by_start = set(), set()
outside = 0
for pkg in data.values():
    for f in pkg.get('vigil-race', []):
        t = test_at(f['posn'])
        if t:
            by_pos.add(t); by_start.add(t)
        else:
            outside += 1
        for r in f.get('related', []):
            if r['message'].endswith(' here') and 'started' in r['message'] or 'registered' in r['message'] or 'scheduled' in r['message']:
                t2 = test_at(r['posn'])
                if t2:
                    by_start.add(t2)

def table(hit, title):
    rows = defaultdict(lambda: [0, 0, 0, 0])
    for n, (f, kind) in tests.items():
        r = rows[f]
        if kind == 'race':
            r[0] += 1; r[1] += n in hit
        else:
            r[2] += 1; r[3] += n in hit
    print(f'\n{title}')
    print(f'{"file":24} {"TestRace found":>16} {"TestNoRace flagged":>20}')
    tot = [0, 0, 0, 0]
    for f in sorted(rows):
        r = rows[f]
        tot = [a + b for a, b in zip(tot, r)]
        print(f'{f:24} {r[1]:>7}/{r[0]:<8} {r[3]:>10}/{r[2]:<9}')
    pr = 100.0 * tot[1] / max(tot[0], 1)
    pn = 100.0 * tot[3] / max(tot[2], 1)
    print(f'{"total":24} {tot[1]:>7}/{tot[0]:<8} {tot[3]:>10}/{tot[2]:<9}')
    print(f'found {pr:.1f}% of TestRace, false alarms in {pn:.1f}% of TestNoRace')

table(by_pos, 'by position (the finding is inside the test)')
table(by_start, 'by position or goroutine start (the finding or a goroutine it names is inside the test)')
print(f'\nfindings outside any TestRace/TestNoRace function: {outside}')
if os.environ.get("LIST"):
    for n in sorted(tests):
        kind = tests[n][1]
        mark = 'hit ' if n in by_start else '    '
        print(f'{mark}{kind:7} {tests[n][0]:22} {n}')
