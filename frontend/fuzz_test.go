package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// The front-end's fuzz target: any bytes, as the one file of a package,
// must give a well-formed package record (streamChecker) without a panic or
// a hang. Seeds: a sample of std's own files, read from GOROOT at test time,
// and hand-written broken files. `go test` runs the seeds; `go test
// -fuzz=FuzzFrontend` mutates them (scripts/test.sh runs it briefly,
// bench/fuzz/run.sh for longer).
func FuzzFrontend(f *testing.F) {
	for _, seed := range brokenSeeds {
		f.Add([]byte(seed))
	}
	for _, content := range stdSample(f, 40) {
		f.Add(content)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkStream(t, map[string][]byte{"p.go": src})
	})
}

// brokenSeeds are files go build rejects, or that once broke the front-end.
var brokenSeeds = []string{
	"",
	"// only a comment\n",
	"package p\n\nfunc F( {\n",
	"package p\n\nimport \"C\"\n\nvar _ = C.int(1)\n",
	"package p\n\nimport \"p\"\n",
	"package p\n\nvar s = \"a\" + \"b\" + (\"c\" + \"d\")\n",
	"package p\n\nfunc F[T any, U ~[]T](x U) T { return x[0] }\n",
	"package p\n\nfunc F() { for range 10 { go func() {}() } }\n",
	"package p\n\ntype T struct{ T }\n",
	"package p\n\nconst c = 1 << 1000\n",
	"package p\n//line x.go:1:1\nfunc F() {}\n",
	"\xef\xbb\xbfpackage p\n",
	"package p\n\nfunc F() { if true { if true { if true { F() } } } }\n",
}

// stdSample reads n .go files spread evenly over GOROOT/src, in a fixed order.
func stdSample(tb testing.TB, n int) [][]byte {
	root := filepath.Join(goEnv("GOROOT"), "src")
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real // Debian's GOROOT/src is a symbolic link
	}
	var paths []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".go") {
			paths = append(paths, p)
		}
		return nil
	})
	if len(paths) == 0 {
		tb.Logf("no Go sources under %s: fuzzing from the hand-written seeds only", root)
		return nil
	}
	sort.Strings(paths)
	var out [][]byte
	for i := 0; i < n; i++ {
		if b, err := os.ReadFile(paths[i*len(paths)/n]); err == nil && len(b) < 64<<10 {
			out = append(out, b)
		}
	}
	return out
}

// checkStream type-checks files (name -> content) as one package, std
// imports from export data, writes its record and reads it back.
func checkStream(t *testing.T, files map[string][]byte) (delta, body []byte) {
	t.Helper()
	dir := t.TempDir()
	var names []string
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), content, 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	sort.Strings(names)
	lp := &listedPackage{Dir: dir, ImportPath: "fuzz.test/p", Name: "p", GoFiles: names}
	all := append([]*listedPackage{lp}, stdExports(t)...)

	finished := make(chan struct{})
	go func() {
		defer close(finished)
		l := newLoader(all, []*listedPackage{lp})
		l.listDir = dir
		cp := l.checkAll([]*listedPackage{lp}, []*listedPackage{lp})[0]
		<-cp.done
		tbl := newTables(l.fset)
		body = encodePackage(tbl, cp, false)
		delta = tbl.flushDelta()
	}()
	select {
	case <-finished:
	case <-time.After(2 * time.Minute): // a watchdog against hangs, not a measure
		t.Fatal("the front-end did not finish: a hang or a deadlock")
	}
	var c streamChecker
	if err := c.delta(delta); err != nil {
		t.Fatalf("table delta: %v", err)
	}
	if err := c.body(body); err != nil {
		t.Fatalf("package body: %v", err)
	}
	return delta, body
}

var (
	stdOnce sync.Once
	stdPkgs []*listedPackage
)

// stdExports lists export data for a few std packages (and their
// dependencies), so that fuzzed files importing them type-check for real.
// Without a go command, imports fail and the rest is still exercised.
func stdExports(tb testing.TB) []*listedPackage {
	stdOnce.Do(func() {
		cmd := exec.Command(goCommand(), "list", "-e", "-deps", "-export", "-json=ImportPath,Export,Standard",
			"fmt", "strings", "sync", "errors", "io", "os", "sort", "strconv", "context", "time", "net/http")
		cmd.Env = append(os.Environ(), "GOFLAGS=", "GO111MODULE=off")
		cmd.Dir = os.TempDir()
		out, err := cmd.Output()
		if err != nil {
			tb.Logf("no std export data (%v): imports will not resolve", err)
			return
		}
		dec := json.NewDecoder(bytes.NewReader(out))
		for dec.More() {
			p := new(listedPackage)
			if dec.Decode(p) == nil && p.Export != "" {
				p.DepOnly = true
				stdPkgs = append(stdPkgs, p)
			}
		}
	})
	return stdPkgs
}

func TestLongConstantExpressionIsWrittenOnce(t *testing.T) {
	var sum strings.Builder
	for i := 0; i < 10000; i++ {
		if i > 0 {
			sum.WriteString(" + ")
		}
		sum.WriteString(`"t` + strings.Repeat("x", i%7) + `"`)
	}
	src := "package p\n\nconst S = " + sum.String() + "\n\nvar V = S + S\n"
	delta, body := checkStream(t, map[string][]byte{"p.go": []byte(src)})
	// Before, every partial sum's value was interned: 240 MB for this file.
	if size := len(delta) + len(body); size > 20*len(src) {
		t.Errorf("the record is %d bytes for a %d-byte file: constant values are not written once", size, len(src))
	}
	if long := countLongStrings(delta, 1000); long != 2 {
		t.Errorf("%d long strings in the table, want 2 (S and S+S)", long)
	}
}

// countLongStrings counts the strings of a table delta longer than n bytes.
func countLongStrings(delta []byte, n int) int {
	c := streamChecker{b: delta}
	count := 0
	for k := c.u(); k > 0 && c.err == nil; k-- {
		l := c.u()
		if l > n {
			count++
		}
		c.skip(l)
	}
	return count
}

// goCommand is the go the tests run: $VIGIL_GO, else go on PATH.
func goCommand() string {
	if g := os.Getenv("VIGIL_GO"); g != "" {
		return g
	}
	if g, err := exec.LookPath("go"); err == nil {
		return g
	}
	return filepath.Join(runtime.GOROOT(), "bin", "go")
}

// goEnv asks the go command for one of its settings ("" when it cannot).
func goEnv(name string) string {
	out, err := exec.Command(goCommand(), "env", name).Output()
	if err != nil {
		return runtime.GOROOT()
	}
	return strings.TrimSpace(string(out))
}
