package main

import (
	"strconv"
	"strings"
	"testing"
)

func pkgs(spec ...string) []*listedPackage {
	var out []*listedPackage
	for _, s := range spec {
		path, imports, _ := strings.Cut(s, ":")
		p := &listedPackage{ImportPath: path}
		if imports != "" {
			p.Imports = strings.Split(imports, ",")
		}
		out = append(out, p)
	}
	return out
}

func orderOf(plan *checkPlan) string {
	var names []string
	for _, p := range plan.order {
		names = append(names, p.ImportPath)
	}
	return strings.Join(names, " ")
}

func TestPlanKeepsGoListOrderWhenDependenciesComeFirst(t *testing.T) {
	plan := planChecks(pkgs("a", "b:a", "c:a,b", "d"))
	if got := orderOf(plan); got != "a b c d" {
		t.Errorf("order = %q, want %q", got, "a b c d")
	}
	if len(plan.cycles) != 0 {
		t.Errorf("cycles = %v, want none", plan.cycles)
	}
}

func TestPlanPutsDependenciesFirst(t *testing.T) {
	plan := planChecks(pkgs("c:b", "b:a", "a", "d:x"))
	if got := orderOf(plan); got != "a b c d" {
		t.Errorf("order = %q, want %q", got, "a b c d")
	}
}

func TestPlanFindsCyclesAndCutsOnlyTheirImports(t *testing.T) {
	// c2 imports c1 imports c3 imports c2; top imports c1; self imports itself.
	plan := planChecks(pkgs("base", "c2:c1,base", "c1:c3", "c3:c2", "top:c1", "self:self", "free:base"))
	if got := orderOf(plan); len(plan.order) != 7 {
		t.Fatalf("order = %q: every package must be checked once", got)
	}
	pos := map[string]int{}
	for i, p := range plan.order {
		pos[p.ImportPath] = i
	}
	for _, dep := range [][2]string{{"base", "c2"}, {"c1", "top"}, {"c2", "top"}, {"c3", "top"}, {"base", "free"}} {
		if pos[dep[0]] > pos[dep[1]] {
			t.Errorf("%s is checked after its importer %s: %q", dep[0], dep[1], orderOf(plan))
		}
	}
	for _, c := range []string{"c1", "c2", "c3", "self"} {
		if plan.cycleText(c) == "" {
			t.Errorf("%s is not reported in a cycle", c)
		}
	}
	for _, c := range []string{"base", "top", "free"} {
		if s := plan.cycleText(c); s != "" {
			t.Errorf("%s is reported in a cycle: %s", c, s)
		}
	}
	if got, want := plan.cycleText("c1"), "c1 imports c3 imports c2 imports c1"; got != want {
		t.Errorf("cycleText(c1) = %q, want %q", got, want)
	}
	if got, want := plan.cycleText("self"), "self imports self"; got != want {
		t.Errorf("cycleText(self) = %q, want %q", got, want)
	}
	if !plan.inCycle("c1", "c3") || plan.inCycle("top", "c1") || plan.inCycle("c1", "self") {
		t.Error("inCycle must hold exactly for imports inside one cycle")
	}
}

func TestPlanHandlesALongChainWithoutRecursion(t *testing.T) {
	const n = 50000
	var spec []string
	spec = append(spec, "p0")
	for i := 1; i < n; i++ {
		spec = append(spec, "p"+itoa(i)+":p"+itoa(i-1))
	}
	spec[0] = "p0:p" + itoa(n-1) // one cycle through all of them
	plan := planChecks(pkgs(spec...))
	if len(plan.order) != n || len(plan.cycles) != 1 || len(plan.cycles[0]) != n {
		t.Fatalf("got %d packages in order, %d cycles", len(plan.order), len(plan.cycles))
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
