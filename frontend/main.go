// Command vigil-frontend loads Go packages with go list, parses and type
// checks them with go/parser and go/types, and writes them as a binary
// stream for Vigil's C# loader (see docs/stream-format.md).
//
// Usage:
//
//	vigil-frontend load [-C dir] [-tags list] [-tests=false] [-debug=types] patterns...
//	vigil-frontend keys [-C dir] [-tags list] [-tests=false] [-facts=mode] patterns...
//	                            list the packages load would emit, with content keys
//	vigil-frontend unit [-id ID] [-fortest P] VET.CFG
//	                            one package of go vet (unit.go), imports from export data
//	vigil-frontend schema       print the syntax schema
//	vigil-frontend gen-csharp   print the C# syntax classes and decoder
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: vigil-frontend load|schema|gen-csharp ...")
		os.Exit(2)
	}
	switch os.Args[1] {
	case "load":
		os.Exit(load(os.Args[2:]))
	case "keys":
		os.Exit(listKeys(os.Args[2:]))
	case "unit":
		os.Exit(unit(os.Args[2:]))
	case "schema":
		fmt.Print(schemaText())
	case "gen-csharp":
		fmt.Print(generateCSharp())
	default:
		fmt.Fprintf(os.Stderr, "vigil-frontend: unknown mode %q\n", os.Args[1])
		os.Exit(2)
	}
}

func load(args []string) int {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	flags := addListFlags(fs)
	debug := fs.String("debug", "", "write a text dump instead of the stream: types")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	opts := flags.options(fs)
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer out.Flush()

	if *debug == "" {
		if err := writeHeader(out); err != nil {
			return 2
		}
		var s buf
		s.bytes([]byte(schemaText()))
		writeRecord(out, recSchema, s.b)
	}
	fatal := func(msg string) int {
		if *debug == "" {
			var m buf
			m.bytes([]byte(msg))
			writeRecord(out, recFatal, m.b)
		} else {
			fmt.Fprintln(os.Stderr, msg)
		}
		return 2
	}

	listed, err := runGoList(opts)
	if err != nil {
		return fatal(err.Error())
	}
	if *flags.facts != "project" && *flags.facts != "all" && *flags.facts != "none" {
		return fatal(fmt.Sprintf("-facts: %q is not project, all or none", *flags.facts))
	}
	targets := selectTargets(listed)
	factDeps := factDependencies(listed, targets, *flags.facts)
	depOnly := map[string]bool{}
	for _, p := range factDeps {
		depOnly[p.ImportPath] = true
	}
	if err := fetchExportData(opts, listed, depOnly); err != nil {
		return fatal(err.Error())
	}
	emitted := inListOrder(listed, targets, factDeps)
	emit := map[string]bool{}
	for _, p := range emitted {
		emit[p.ImportPath] = true
	}
	checkedFromSource := sourceChecked(listed, depOnly)
	l := newLoader(listed, checkedFromSource)
	l.listDir, _ = filepath.Abs(opts.dir)
	checked := l.checkAll(checkedFromSource, emitted)
	t := newTables(l.fset)
	for _, cp := range checked {
		<-cp.done
		if !emit[cp.listed.ImportPath] {
			continue // checked only so that its dependents share its types
		}
		if *debug == "types" {
			dumpTypes(out, cp)
		} else {
			body := encodePackage(t, cp, depOnly[cp.listed.ImportPath])
			delta := t.flushDelta()
			chunk := make([]byte, 0, len(delta)+len(body))
			chunk = append(chunk, delta...)
			chunk = append(chunk, body...)
			if err := writeRecord(out, recPackage, chunk); err != nil {
				return 2 // the reader went away
			}
			out.Flush()
		}
		// The syntax and info are no longer needed; dependents keep types.
		cp.files, cp.info = nil, nil
		l.markWritten()
	}
	if *debug == "" {
		writeRecord(out, recEnd, nil)
	}
	return 0
}
