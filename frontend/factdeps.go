package main

import "strings"

// Dependencies analyzed for facts: a package's findings must depend only on
// the package and its dependencies, never on which other packages a run
// matched (go vet's model). So the dependencies that belong to the same
// project as a matched package are type-checked from source and emitted
// too, marked dependency-only: Vigil analyzes them for what its checks need
// to know about them (summaries), and reports nothing in them.
//
// Modes (-facts):
//
//	project  dependencies in the same project as a matched package: the same
//	         module, the standard library for std packages, GOPATH for
//	         GOPATH packages (the default)
//	all      every dependency but unsafe
//	none     none: dependencies come from export data (the old behaviour)

// projectOf names the project a listed package belongs to.
func projectOf(p *listedPackage) string {
	switch {
	case p.Standard:
		return "std"
	case p.Module != nil:
		return "module " + p.Module.Path
	default:
		return "gopath"
	}
}

// factDependencies returns, in list order, the dependency-only packages to
// check from source and emit for facts.
func factDependencies(all []*listedPackage, targets []*listedPackage, mode string) []*listedPackage {
	if mode == "none" {
		return nil
	}
	projects := map[string]bool{}
	isTarget := map[string]bool{}
	for _, t := range targets {
		projects[projectOf(t)] = true
		isTarget[t.ImportPath] = true
	}
	var deps []*listedPackage
	seen := map[string]bool{}
	for _, p := range all {
		if !p.DepOnly || isTarget[p.ImportPath] || seen[p.ImportPath] || p.ImportPath == "unsafe" {
			continue
		}
		if p.ForTest == "" && strings.HasSuffix(p.ImportPath, ".test") && p.Name == "main" {
			continue
		}
		if mode != "all" && !projects[projectOf(p)] {
			continue
		}
		seen[p.ImportPath] = true
		deps = append(deps, p)
	}
	return deps
}

// inListOrder returns the union of two package lists in the order of all.
func inListOrder(all []*listedPackage, a, b []*listedPackage) []*listedPackage {
	in := map[string]bool{}
	for _, p := range a {
		in[p.ImportPath] = true
	}
	for _, p := range b {
		in[p.ImportPath] = true
	}
	var out []*listedPackage
	for _, p := range all {
		if in[p.ImportPath] {
			out = append(out, p)
			delete(in, p.ImportPath)
		}
	}
	return out
}
