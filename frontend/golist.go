package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

// listedPackage is the subset of `go list -json` output the front-end uses.
type listedPackage struct {
	Dir             string
	ImportPath      string
	Name            string
	Export          string
	GoFiles         []string
	CompiledGoFiles []string
	CgoFiles        []string
	Imports         []string
	ImportMap       map[string]string
	DepOnly         bool
	ForTest         string
	Standard        bool
	Incomplete      bool
	Module          *struct {
		Path      string
		Dir       string
		GoVersion string
	}
	Error *struct {
		Pos string
		Err string
	}
	DepsErrors []*struct {
		Pos string
		Err string
	}
}

// listFlags are the flags `load` and `keys` share (the C# side's
// FrontendCommand writes them): one declaration, so both modes list the same
// packages.
type listFlags struct {
	dir, tags, facts *string
	tests            *bool
}

func addListFlags(fs *flag.FlagSet) listFlags {
	return listFlags{
		dir:   fs.String("C", ".", "directory to run go list in"),
		tags:  fs.String("tags", "", "comma-separated build tags"),
		tests: fs.Bool("tests", true, "load test files and test packages"),
		facts: fs.String("facts", "project", "dependencies checked from source for facts: project, all or none"),
	}
}

// options is the listing the parsed flags ask for; no pattern means ".".
func (f listFlags) options(fs *flag.FlagSet) listOptions {
	patterns := fs.Args()
	if len(patterns) == 0 {
		patterns = []string{"."}
	}
	return listOptions{dir: *f.dir, tags: *f.tags, tests: *f.tests, patterns: patterns}
}

type listOptions struct {
	dir      string
	tags     string
	tests    bool
	patterns []string
}

// runGoList runs `go list -deps -compiled -json` and returns the packages
// in the order go list printed them, which is dependencies first. Export
// data is not asked for here: `-export` compiles every listed package, the
// matched ones too, which costs as much as a build of them and is wasted on
// packages type-checked from source (see fetchExportData).
func runGoList(opts listOptions) ([]*listedPackage, error) {
	args := []string{"list", "-e", "-deps", "-compiled", "-json"}
	if opts.tests {
		args = append(args, "-test")
	}
	out, err := goList(opts, args, opts.patterns)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	var pkgs []*listedPackage
	for {
		p := new(listedPackage)
		if err := dec.Decode(p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("reading go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// fetchExportData sets Export on the packages that will be imported from
// export data (those sourceChecked leaves out when every package has it),
// with one `go list -export` of just those: for a module's own packages the
// compiler does not run, and dependencies come from the build cache.
func fetchExportData(opts listOptions, all []*listedPackage, forced map[string]bool) error {
	fromSource := map[string]bool{}
	for _, p := range sourceCheckedWith(all, func(p *listedPackage) bool { return !forced[p.ImportPath] }) {
		fromSource[p.ImportPath] = true
	}
	byPath := map[string]*listedPackage{}
	var paths []string
	for _, p := range all {
		if fromSource[p.ImportPath] || p.ImportPath == "unsafe" || byPath[p.ImportPath] != nil {
			continue
		}
		byPath[p.ImportPath] = p
		paths = append(paths, p.ImportPath)
	}
	if len(paths) == 0 {
		return nil
	}
	out, err := goList(opts, []string{"list", "-e", "-export", "-f", "{{.ImportPath}}\t{{.Export}}"}, paths)
	if err != nil {
		return err
	}
	for _, line := range strings.Split(string(out), "\n") {
		if path, export, ok := strings.Cut(line, "\t"); ok && byPath[path] != nil {
			byPath[path].Export = export
		}
	}
	return nil
}

// goList runs go list with the options' directory and build tags, and
// passes on what it writes to stderr (go list -e still writes there for
// patterns that match nothing), without the go command's progress notes
// and without repeating a line an earlier go list run already passed on.
func goList(opts listOptions, args []string, patterns []string) ([]byte, error) {
	if opts.tags != "" {
		args = append(args, "-tags", opts.tags)
	}
	args = append(args, "--")
	args = append(args, patterns...)
	cmd := exec.Command(goBinary(), args...)
	cmd.Dir = opts.dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	lines := goMessages(stderr.String())
	if err != nil {
		msg := strings.Join(lines, "\n")
		if msg == "" {
			msg = strings.TrimSpace(stderr.String())
		}
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("go list failed: %s", msg)
	}
	for _, line := range lines {
		if !warned[line] {
			warned[line] = true
			fmt.Fprintf(os.Stderr, "go list: %s\n", line)
		}
	}
	return out, nil
}

// warned holds the go list messages already passed on: the front-end runs
// go list twice (packages, then export data), and both print the same.
var warned = map[string]bool{}

// goMessages splits the go command's stderr into its messages, leaving out
// its progress notes ("go: finding module for package X", "go: downloading
// X"): with GOFLAGS=-mod=mod they come before, and would bury, the error
// that matters, which go list -e also attaches to the package concerned.
func goMessages(stderr string) []string {
	var out []string
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		switch {
		case strings.TrimSpace(line) == "",
			strings.HasPrefix(line, "go: downloading "),
			strings.HasPrefix(line, "go: finding "):
			continue
		}
		out = append(out, line)
	}
	return out
}

func goBinary() string {
	if g := os.Getenv("VIGIL_GO"); g != "" {
		return g
	}
	return "go"
}

// selectTargets picks the packages to analyze from source, as go vet does:
// every matched package, with a package's test variant ("p [p.test]")
// standing in for the package itself, plus external test packages; the
// generated test mains ("p.test") are left out.
func selectTargets(pkgs []*listedPackage) []*listedPackage {
	hasTestVariant := map[string]bool{}
	for _, p := range pkgs {
		if !p.DepOnly && p.ForTest != "" && p.ImportPath == p.ForTest+" ["+p.ForTest+".test]" {
			hasTestVariant[p.ForTest] = true
		}
	}
	var targets []*listedPackage
	for _, p := range pkgs {
		if p.DepOnly {
			continue
		}
		if p.ForTest == "" && strings.HasSuffix(p.ImportPath, ".test") && p.Name == "main" {
			continue
		}
		if p.ForTest == "" && hasTestVariant[p.ImportPath] {
			continue
		}
		targets = append(targets, p)
	}
	return targets
}

// pathOf strips the test-variant suffix: "p [p.test]" is package path "p".
func pathOf(importPath string) string {
	if i := strings.Index(importPath, " ["); i >= 0 {
		return importPath[:i]
	}
	return importPath
}
