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
	"strings"
	"sync"
)

// listKeys is the front-end's "keys" mode, Vigil's result cache's first
// step: it selects the packages exactly as "load" does (targets and
// dependencies for facts) but parses nothing, and prints a content key per
// emitted package: a hash of its files, its directory, its errors and the
// keys of everything it imports, so that a key changes when anything the
// package's analysis could read changes. Output, one package a line:
//
//	T|D <tab> id <tab> key <tab> ok|error <tab> ext <tab> imports <tab> escape
//
// (T: matched, D: dependency for facts; error: go list reported a problem,
// the package must not be served from the cache). The last three columns
// serve early cut-off, where a package is keyed by its own content and its
// source dependencies' fact hashes (computed by Vigil, not here): ext hashes
// the package's own inputs and the content keys of the packages it reaches
// that are not analyzed from source (export data: their facts are built-in
// knowledge, so their content stands for them); imports lists, comma
// separated, its direct imports that are emitted (analyzed from source);
// escape is 1 when its files mention escape annotations, whose check reads
// the compiler's decisions in callees: such a package keeps the content key.
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
	keys, own, escapes := packageKeys(listed)
	isDep := map[string]bool{}
	for _, p := range deps {
		isDep[p.ImportPath] = true
	}
	// Exactly what load emits: the emitted packages it checks from source (never unsafe).
	fromSource := map[string]bool{}
	for _, p := range sourceChecked(listed, isDep) {
		fromSource[p.ImportPath] = true
	}
	emitted := map[string]bool{}
	for _, p := range inListOrder(listed, targets, deps) {
		if fromSource[p.ImportPath] {
			emitted[p.ImportPath] = true
		}
	}
	ext, srcImports := cutoffInputs(listed, keys, own, emitted)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for _, p := range inListOrder(listed, targets, deps) {
		if !emitted[p.ImportPath] {
			continue
		}
		role, status := "T", "ok"
		if isDep[p.ImportPath] {
			role = "D"
		}
		if p.Error != nil || len(p.DepsErrors) > 0 || p.Incomplete {
			status = "error"
		}
		escape := "0"
		if escapes[p.ImportPath] {
			escape = "1"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", role, p.ImportPath, keys[p.ImportPath], status,
			ext[p.ImportPath], strings.Join(srcImports[p.ImportPath], ","), escape)
	}
	return 0
}

// packageKeys hashes every listed package's own inputs (in parallel: file
// reading dominates), then folds in its imports' keys in list order, which
// is dependencies first. It returns the keys, the own hashes and which
// packages mention escape annotations, by import path.
func packageKeys(listed []*listedPackage) (map[string]string, map[string][]byte, map[string]bool) {
	own := make([][]byte, len(listed))
	escape := make([]bool, len(listed))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	for i, p := range listed {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			own[i], escape[i] = ownHash(p)
		}()
	}
	wg.Wait()
	keys := map[string]string{}
	owns := map[string][]byte{}
	escapes := map[string]bool{}
	for i, p := range listed {
		h := sha256.New()
		h.Write(own[i])
		for _, id := range sortedImportIDs(p) {
			fmt.Fprintf(h, "import %s %s\n", id, keys[id])
		}
		keys[p.ImportPath] = hex.EncodeToString(h.Sum(nil))
		owns[p.ImportPath] = own[i]
		escapes[p.ImportPath] = escape[i]
	}
	return keys, owns, escapes
}

// sortedImportIDs are a package's imports as package ids, sorted.
func sortedImportIDs(p *listedPackage) []string {
	ids := importIDs(p)
	sort.Strings(ids)
	return ids
}

// cutoffInputs computes, for each emitted package, its ext hash (own inputs
// and the content keys of the non-emitted packages it reaches through
// emitted ones or directly) and its direct emitted imports, in list order
// (dependencies first).
func cutoffInputs(listed []*listedPackage, keys map[string]string, own map[string][]byte, emitted map[string]bool) (map[string]string, map[string][]string) {
	external := map[string]map[string]bool{} // emitted package -> the non-emitted packages it reaches
	ext := map[string]string{}
	srcImports := map[string][]string{}
	for _, p := range listed {
		if !emitted[p.ImportPath] {
			continue
		}
		reach := map[string]bool{}
		var direct []string
		for _, id := range sortedImportIDs(p) {
			if emitted[id] {
				direct = append(direct, id)
				for r := range external[id] {
					reach[r] = true
				}
			} else {
				reach[id] = true
			}
		}
		external[p.ImportPath] = reach
		ids := make([]string, 0, len(reach))
		for id := range reach {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		h := sha256.New()
		h.Write(own[p.ImportPath])
		for _, id := range ids {
			fmt.Fprintf(h, "external %s %s\n", id, keys[id])
		}
		ext[p.ImportPath] = hex.EncodeToString(h.Sum(nil))
		srcImports[p.ImportPath] = direct
	}
	return ext, srcImports
}

// ownHash covers what go list says of the package and the content of every
// file its build uses (a file that cannot be read is hashed as its error),
// and says whether a file mentions an escape annotation.
func ownHash(p *listedPackage) ([]byte, bool) {
	escape := false
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
		escape = escape || mentionsEscapeAnnotation(content)
	}
	return h.Sum(nil), escape
}

// mentionsEscapeAnnotation is a cheap over-approximation of "has escape
// promises or exemptions" (+checkescape, +mustescape, // escapes:).
func mentionsEscapeAnnotation(content []byte) bool {
	lower := bytes.ToLower(content)
	return bytes.Contains(lower, []byte("checkescape")) || bytes.Contains(lower, []byte("mustescape")) || bytes.Contains(lower, []byte("escapes:"))
}
