package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"go/build"
	"os"
	"path/filepath"
	"strings"
)

// The unit mode: one package as the go command hands it to a vet tool (a
// vet.cfg file, golang.org/x/tools/go/analysis/unitchecker's Config). Only
// that package is parsed and type-checked; every import comes from the
// export data the go command already built for it (PackageFile), so no go
// list runs and no dependency is checked from source. This is what makes
// `go vet -vettool=vigil` cost about what go vet costs (docs/build-systems.md).
//
//	vigil-frontend unit [-id ID] VET.CFG
//
// ID is the package id to write (Vigil's "p [p.test]" for a package with its
// tests); by default the vet.cfg's ImportPath.

// vetConfig is the part of vet.cfg the unit mode reads.
type vetConfig struct {
	ID          string
	Dir         string
	ImportPath  string
	GoFiles     []string
	ImportMap   map[string]string
	PackageFile map[string]string
	ModulePath  string
	GoVersion   string
}

func unit(args []string) int {
	fs := flag.NewFlagSet("unit", flag.ContinueOnError)
	id := fs.String("id", "", "package id to write (default: the vet.cfg's ImportPath)")
	forTest := fs.String("fortest", "", "the package whose test this unit is (empty: not a test unit)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: vigil-frontend unit [-id ID] [-fortest P] VET.CFG")
		return 2
	}
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer out.Flush()
	if err := writeHeader(out); err != nil {
		return 2
	}
	var s buf
	s.bytes([]byte(schemaText()))
	writeRecord(out, recSchema, s.b)

	cfg, err := readVetConfig(fs.Arg(0))
	if err != nil {
		var m buf
		m.bytes([]byte(err.Error()))
		writeRecord(out, recFatal, m.b)
		return 2
	}
	lp := unitPackage(cfg, *id, *forTest)
	l := newUnitLoader(cfg, lp)
	cp := l.targets[lp.ImportPath]
	l.checkSafely(cp)
	if cp.types != nil {
		lp.Name = cp.types.Name()
	} else if len(cp.files) > 0 {
		lp.Name = cp.files[0].ast.Name.Name
	}
	t := newTables(l.fset)
	body := encodePackage(t, cp, false)
	delta := t.flushDelta()
	if err := writeRecord(out, recPackage, append(delta, body...)); err != nil {
		return 2
	}
	writeRecord(out, recEnd, nil)
	return 0
}

func readVetConfig(path string) (*vetConfig, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	cfg := new(vetConfig)
	if err := json.Unmarshal(data, cfg); err != nil {
		return nil, fmt.Errorf("reading %s: %v", path, err)
	}
	if len(cfg.GoFiles) == 0 {
		return nil, fmt.Errorf("%s: package %s has no Go files", path, cfg.ImportPath)
	}
	return cfg, nil
}

// unitPackage describes the unit as go list would: the go command hands a
// cgo package's files already translated by cmd/cgo, which cgoSources maps
// back to the user's own files (CgoFiles), as a load does.
func unitPackage(cfg *vetConfig, id, forTest string) *listedPackage {
	if id == "" {
		id = cfg.ImportPath
	}
	lp := &listedPackage{
		Dir:             cfg.Dir,
		ImportPath:      id,
		CompiledGoFiles: cfg.GoFiles,
		ImportMap:       cfg.ImportMap,
		ForTest:         forTest,
		Standard:        cfg.ModulePath == "" && isUnder(cfg.Dir, filepath.Join(build.Default.GOROOT, "src")),
	}
	for _, f := range cfg.GoFiles {
		if orig := cgoOriginal(f); orig != "" {
			lp.CgoFiles = append(lp.CgoFiles, orig)
		} else {
			lp.GoFiles = append(lp.GoFiles, f)
		}
	}
	if cfg.ModulePath != "" {
		lp.Module = &struct {
			Path      string
			Dir       string
			GoVersion string
		}{Path: cfg.ModulePath, GoVersion: strings.TrimPrefix(cfg.GoVersion, "go")}
	}
	return lp
}

// newUnitLoader is a loader whose only target is the unit, and whose every
// import resolves to the export data the vet.cfg names.
func newUnitLoader(cfg *vetConfig, lp *listedPackage) *loader {
	all := []*listedPackage{lp}
	for path, file := range cfg.PackageFile {
		all = append(all, &listedPackage{ImportPath: path, Export: file})
	}
	l := newLoader(all, []*listedPackage{lp})
	l.plan = planChecks([]*listedPackage{lp})
	return l
}

func isUnder(dir, root string) bool {
	rel, err := filepath.Rel(root, dir)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}
