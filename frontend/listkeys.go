package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
)

// listKeys is the front-end's "keys" mode, Vigil's result cache's first
// step: it selects the packages exactly as "load" does (targets and
// dependencies for facts) but parses nothing, and prints a content key per
// emitted package: a hash of its files, its directory, its errors and the
// keys of everything it imports, so that a key changes when anything the
// package's analysis could read changes. Output, one package a line:
//
//	T|D <tab> id <tab> key <tab> ok|error
//
// (T: matched, D: dependency for facts; error: go list reported a problem,
// the package must not be served from the cache).
func listKeys(args []string) int {
	fs := flag.NewFlagSet("keys", flag.ContinueOnError)
	flags := addListFlags(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	opts := flags.options(fs)
	args2 := []string{"list", "-e", "-deps", "-json"}
	if opts.tests {
		args2 = append(args2, "-test")
	}
	out, err := goList(opts, args2, opts.patterns)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	var listed []*listedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		p := new(listedPackage)
		if err := dec.Decode(p); err == io.EOF {
			break
		} else if err != nil {
			fmt.Fprintf(os.Stderr, "reading go list output: %v\n", err)
			return 2
		}
		listed = append(listed, p)
	}
	targets := selectTargets(listed)
	deps := factDependencies(listed, targets, *flags.facts)
	keys := packageKeys(listed)
	isDep := map[string]bool{}
	for _, p := range deps {
		isDep[p.ImportPath] = true
	}
	// Exactly what load emits: the emitted packages it checks from source (never unsafe).
	fromSource := map[string]bool{}
	for _, p := range sourceChecked(listed, isDep) {
		fromSource[p.ImportPath] = true
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for _, p := range inListOrder(listed, targets, deps) {
		if !fromSource[p.ImportPath] {
			continue
		}
		role, status := "T", "ok"
		if isDep[p.ImportPath] {
			role = "D"
		}
		if p.Error != nil || len(p.DepsErrors) > 0 || p.Incomplete {
			status = "error"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", role, p.ImportPath, keys[p.ImportPath], status)
	}
	return 0
}

// packageKeys hashes every listed package's own inputs (in parallel: file
// reading dominates), then folds in its imports' keys in list order, which
// is dependencies first.
func packageKeys(listed []*listedPackage) map[string]string {
	own := make([][]byte, len(listed))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	for i, p := range listed {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			own[i] = ownHash(p)
		}()
	}
	wg.Wait()
	keys := map[string]string{}
	for i, p := range listed {
		h := sha256.New()
		h.Write(own[i])
		imports := make([]string, 0, len(p.Imports))
		for _, imp := range p.Imports {
			id := imp
			if m, ok := p.ImportMap[imp]; ok {
				id = m
			}
			imports = append(imports, id)
		}
		sort.Strings(imports)
		for _, id := range imports {
			fmt.Fprintf(h, "import %s %s\n", id, keys[id])
		}
		keys[p.ImportPath] = hex.EncodeToString(h.Sum(nil))
	}
	return keys
}

// ownHash covers what go list says of the package and the content of every
// file its build uses (a file that cannot be read is hashed as its error).
func ownHash(p *listedPackage) []byte {
	h := sha256.New()
	fmt.Fprintf(h, "id %s\ndir %s\nname %s\nfortest %s\nstandard %v\n", p.ImportPath, p.Dir, p.Name, p.ForTest, p.Standard)
	if p.Module != nil {
		fmt.Fprintf(h, "module %s %s\n", p.Module.Path, p.Module.GoVersion)
	}
	if p.Error != nil {
		fmt.Fprintf(h, "error %s %s\n", p.Error.Pos, p.Error.Err)
	}
	var files []string
	files = append(files, p.GoFiles...)
	files = append(files, p.CgoFiles...)
	sort.Strings(files)
	for _, name := range files {
		path := name
		if !filepath.IsAbs(path) {
			path = filepath.Join(p.Dir, name)
		}
		content, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(h, "file %s unreadable %v\n", name, err)
			continue
		}
		sum := sha256.Sum256(content)
		fmt.Fprintf(h, "file %s %x\n", name, sum)
	}
	return h.Sum(nil)
}
