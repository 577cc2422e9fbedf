package main

import (
	"crypto/sha256"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// sourceFile is one parsed Go file of a target package.
type sourceFile struct {
	path    string
	content []byte
	hash    [32]byte
	ast     *ast.File
	tokFile *token.File
}

// packageError is a parse, type or list error attached to a package.
type packageError struct {
	kind string // "list", "parse", "type"
	pos  token.Position
	msg  string
}

// checkedPackage is a target package after parsing and type checking.
type checkedPackage struct {
	listed *listedPackage
	files  []*sourceFile
	types  *types.Package
	info   *types.Info
	errors []packageError
	done   chan struct{}
}

// loader type-checks target packages from source, in parallel, in
// dependency order; everything else comes from export data.
type loader struct {
	fset    *token.FileSet
	byID    map[string]*listedPackage
	targets map[string]*checkedPackage

	// The writer's progress: a package to emit waits until the writer is
	// within a window of it, so that finished syntax trees do not pile up.
	emitIndex map[string]int
	written   int
	writtenMu sync.Mutex
	writtenCv *sync.Cond
	window    int

	plan    *checkPlan // the check order and the import cycles
	listDir string     // where go list ran: its positions are relative to it

	exportMu sync.Mutex
	exports  types.ImporterFrom // shared, so that types are canonical
}

// sourceChecked decides which packages are type-checked from source: the
// matched ones, test-recompiled ones, and every package that imports one of
// those (directly or not). Only packages whose whole dependency cone comes
// from export data are imported from it, so that each package has exactly one
// *types.Package and types stay identical across the load.
// Dependencies checked for facts (forced) are checked from source too.
func sourceChecked(all []*listedPackage, forced map[string]bool) []*listedPackage {
	return sourceCheckedWith(all, func(p *listedPackage) bool { return p.Export != "" && !forced[p.ImportPath] })
}

// sourceCheckedWith is sourceChecked with a say on which packages have
// export data (a package without it is checked from source).
func sourceCheckedWith(all []*listedPackage, hasExport func(*listedPackage) bool) []*listedPackage {
	src := map[string]bool{}
	var out []*listedPackage
	for _, p := range all { // go list prints dependencies first
		need := !p.DepOnly || p.ForTest != "" || !hasExport(p)
		if !need {
			for _, imp := range p.Imports {
				id := imp
				if m, ok := p.ImportMap[imp]; ok {
					id = m
				}
				if src[id] {
					need = true
					break
				}
			}
		}
		if need && p.Name == "main" && strings.HasSuffix(p.ImportPath, ".test") && p.ForTest == "" {
			need = false // generated test mains are never imported
		}
		if need && p.ImportPath != "unsafe" {
			src[p.ImportPath] = true
			out = append(out, p)
		}
	}
	return out
}

func newLoader(all []*listedPackage, targets []*listedPackage) *loader {
	l := &loader{
		fset:    token.NewFileSet(),
		byID:    map[string]*listedPackage{},
		targets: map[string]*checkedPackage{},
	}
	for _, p := range all {
		l.byID[p.ImportPath] = p
	}
	for _, p := range targets {
		l.targets[p.ImportPath] = &checkedPackage{listed: p, done: make(chan struct{})}
	}
	lookup := func(path string) (io.ReadCloser, error) {
		p := l.byID[path]
		if p == nil || p.Export == "" {
			return nil, fmt.Errorf("no export data for %q", path)
		}
		return os.Open(p.Export)
	}
	l.exports = importer.ForCompiler(l.fset, "gc", lookup).(types.ImporterFrom)
	return l
}

// markWritten records that one more emitted package has been written.
func (l *loader) markWritten() {
	l.writtenMu.Lock()
	l.written++
	l.writtenMu.Unlock()
	l.writtenCv.Broadcast()
}

func (l *loader) waitForWindow(id string) {
	k, ok := l.emitIndex[id]
	if !ok {
		return
	}
	l.writtenMu.Lock()
	for l.written < k-l.window {
		l.writtenCv.Wait()
	}
	l.writtenMu.Unlock()
}

// checkAll starts checking every target and returns them in the order they
// are to be written: dependencies first (go list's order when it has one).
// Packages not in emit are dropped right after checking: only their types
// are kept, for their dependents. Imports inside an import cycle are cut, so
// that no package waits for itself; each package of a cycle gets an error.
func (l *loader) checkAll(order []*listedPackage, emit []*listedPackage) []*checkedPackage {
	l.plan = planChecks(order)
	emitted := map[string]bool{}
	for _, p := range emit {
		emitted[p.ImportPath] = true
	}
	l.emitIndex = map[string]int{}
	for _, p := range l.plan.order {
		if emitted[p.ImportPath] {
			l.emitIndex[p.ImportPath] = len(l.emitIndex)
		}
	}
	l.writtenCv = sync.NewCond(&l.writtenMu)
	l.window = 2*runtime.GOMAXPROCS(0) + 4
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	result := make([]*checkedPackage, 0, len(order))
	for _, lp := range l.plan.order {
		cp := l.targets[lp.ImportPath]
		result = append(result, cp)
		go func() {
			defer close(cp.done)
			// Wait for the target packages this one imports first.
			for _, id := range importIDs(lp) {
				if dep := l.targets[id]; dep != nil && dep != cp && !l.plan.inCycle(lp.ImportPath, id) {
					<-dep.done
				}
			}
			l.waitForWindow(lp.ImportPath)
			sem <- struct{}{}
			defer func() { <-sem }()
			l.checkSafely(cp)
			if _, emitted := l.emitIndex[lp.ImportPath]; !emitted {
				cp.files, cp.info = nil, nil
			}
		}()
	}
	return result
}

// checkSafely checks a package; should go/parser or go/types panic on some
// input, the package gets an error that says so and the run goes on.
func (l *loader) checkSafely(cp *checkedPackage) {
	defer func() {
		if r := recover(); r != nil {
			cp.errors = append(cp.errors, packageError{kind: "type", msg: fmt.Sprintf("internal error: the Go type checker failed on this package: %v", r)})
			cp.types, cp.info, cp.files = nil, &types.Info{}, nil
		}
	}()
	l.check(cp)
}

func (l *loader) check(cp *checkedPackage) {
	lp := cp.listed
	cycle := l.plan.cycleText(lp.ImportPath)
	if cycle != "" {
		// go list reports a cycle on one of its packages, without the path.
		cp.errors = append(cp.errors, packageError{kind: "list", msg: "import cycle not allowed: " + cycle})
	}
	if lp.Error != nil && !(cycle != "" && strings.Contains(lp.Error.Err, "import cycle")) {
		cp.errors = append(cp.errors, packageError{kind: "list", pos: l.listPos(lp.Error.Pos), msg: lp.Error.Err})
	}
	names, cgo := cgoSources(lp)
	var astFiles []*ast.File
	for _, name := range names {
		path := name
		if !filepath.IsAbs(path) {
			path = filepath.Join(lp.Dir, name)
		}
		content, err := os.ReadFile(path)
		if err != nil {
			cp.errors = append(cp.errors, packageError{kind: "parse", pos: token.Position{Filename: path}, msg: err.Error()})
			continue
		}
		f, perr := parser.ParseFile(l.fset, path, content, parser.ParseComments|parser.SkipObjectResolution)
		if perr != nil {
			if list, ok := perr.(scanner.ErrorList); ok {
				for _, e := range list {
					cp.errors = append(cp.errors, packageError{kind: "parse", pos: e.Pos, msg: e.Msg})
				}
			} else {
				cp.errors = append(cp.errors, packageError{kind: "parse", pos: token.Position{Filename: path}, msg: perr.Error()})
			}
		}
		if f == nil || f.Package == token.NoPos {
			// No package clause (an empty file, or only comments): the
			// parser's error above says so, as go vet does, and there is
			// no syntax to write.
			continue
		}
		cp.files = append(cp.files, &sourceFile{
			path:    path,
			content: content,
			hash:    sha256.Sum256(content),
			ast:     f,
			tokFile: l.fset.File(f.Pos()),
		})
		astFiles = append(astFiles, f)
	}
	cp.info = &types.Info{
		Types:      map[ast.Expr]types.TypeAndValue{},
		Instances:  map[*ast.Ident]types.Instance{},
		Defs:       map[*ast.Ident]types.Object{},
		Uses:       map[*ast.Ident]types.Object{},
		Implicits:  map[ast.Node]types.Object{},
		Selections: map[*ast.SelectorExpr]*types.Selection{},
		Scopes:     map[ast.Node]*types.Scope{},
	}
	goVersion := ""
	if lp.Module != nil && lp.Module.GoVersion != "" {
		goVersion = "go" + lp.Module.GoVersion
	}
	conf := types.Config{
		Importer:  &packageImporter{l: l, from: lp},
		GoVersion: goVersion,
		Sizes:     types.SizesFor("gc", goarch()),
		Error: func(err error) {
			if te, ok := err.(types.Error); ok {
				cp.errors = append(cp.errors, packageError{kind: "type", pos: te.Fset.Position(te.Pos), msg: te.Msg})
			} else {
				cp.errors = append(cp.errors, packageError{kind: "type", msg: err.Error()})
			}
		},
	}
	configureCgo(&conf, cgo)
	if lp.Standard {
		// std uses the Go version of the toolchain itself.
		conf.GoVersion = ""
	}
	pkg, _ := conf.Check(pathOf(lp.ImportPath), l.fset, astFiles, cp.info)
	cp.types = pkg
	cp.errors = withoutRepeats(cp.errors)
}

// packageImporter resolves imports of one package through its ImportMap,
// to source-checked targets or to export data.
type packageImporter struct {
	l    *loader
	from *listedPackage
}

func (pi *packageImporter) Import(path string) (*types.Package, error) {
	return pi.ImportFrom(path, pi.from.Dir, 0)
}

func (pi *packageImporter) ImportFrom(path, dir string, mode types.ImportMode) (*types.Package, error) {
	if path == "unsafe" {
		return types.Unsafe, nil
	}
	id := path
	if mapped, ok := pi.from.ImportMap[path]; ok {
		id = mapped
	}
	if p := pi.l.byID[id]; p != nil && p.Error != nil && len(p.GoFiles)+len(p.CompiledGoFiles)+len(p.CgoFiles) == 0 {
		// go list found no files for it (a missing go.sum entry, a module
		// not found, ...): its own words are the cause, where the importer
		// would only say that the package has no name.
		return nil, fmt.Errorf("%s", strings.TrimSpace(p.Error.Err))
	}
	if t := pi.l.targets[id]; t != nil {
		if pi.l.plan.inCycle(pi.from.ImportPath, id) {
			return nil, fmt.Errorf("import cycle not allowed")
		}
		<-t.done
		if t.types == nil {
			return nil, fmt.Errorf("package %s could not be loaded", id)
		}
		return t.types, nil
	}
	pi.l.exportMu.Lock()
	defer pi.l.exportMu.Unlock()
	return pi.l.exports.ImportFrom(id, dir, mode)
}

func goarch() string {
	if a := os.Getenv("GOARCH"); a != "" {
		return a
	}
	return runtime.GOARCH
}

// listPos turns go list's "file:line:col" into a position; go list writes
// file names relative to the directory it ran in.
func (l *loader) listPos(s string) token.Position {
	p := parsePosString(s)
	if p.Filename != "" && !filepath.IsAbs(p.Filename) && l.listDir != "" {
		p.Filename = filepath.Join(l.listDir, p.Filename)
	}
	return p
}

// withoutRepeats drops errors that say the same thing at the same place:
// go list reports a file's first syntax error, and so does the parser.
func withoutRepeats(errs []packageError) []packageError {
	seen := map[string]bool{}
	out := errs[:0]
	for _, e := range errs {
		key := fmt.Sprintf("%s:%d:%d: %s", e.pos.Filename, e.pos.Line, e.pos.Column, e.msg)
		if e.pos.Filename != "" && seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, e)
	}
	return out
}

// parsePosString turns go list's "file:line:col" into a position.
func parsePosString(s string) token.Position {
	if s == "" {
		return token.Position{}
	}
	var p token.Position
	parts := strings.Split(s, ":")
	p.Filename = parts[0]
	if len(parts) > 1 {
		fmt.Sscanf(parts[1], "%d", &p.Line)
	}
	if len(parts) > 2 {
		fmt.Sscanf(parts[2], "%d", &p.Column)
	}
	return p
}
