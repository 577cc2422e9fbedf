package main

import (
	"bytes"
	"encoding/json"
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

type listOptions struct {
	dir      string
	tags     string
	tests    bool
	patterns []string
}

// runGoList runs `go list -deps -export -compiled -json` and returns the
// packages in the order go list printed them, which is dependencies first.
func runGoList(opts listOptions) ([]*listedPackage, error) {
	args := []string{"list", "-e", "-deps", "-export", "-compiled", "-json"}
	if opts.tests {
		args = append(args, "-test")
	}
	if opts.tags != "" {
		args = append(args, "-tags", opts.tags)
	}
	args = append(args, "--")
	args = append(args, opts.patterns...)
	cmd := exec.Command(goBinary(), args...)
	cmd.Dir = opts.dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("go list failed: %s", msg)
	}
	// go list -e still writes to stderr for patterns that match nothing.
	if s := strings.TrimSpace(stderr.String()); s != "" {
		for _, line := range strings.Split(s, "\n") {
			fmt.Fprintf(os.Stderr, "go list: %s\n", line)
		}
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
