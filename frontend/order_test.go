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

// FuzzPlanChecks holds planChecks to its contract on any import graph (each
// pair of bytes an import among up to 16 packages): every package is
// planned once; a package comes after each package it imports unless the
// two import each other (directly or not), which is exactly when both are
// reported in one cycle (then the import is cut, and nothing waits on it).
func FuzzPlanChecks(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 1, 1, 2, 2, 0})
	f.Add([]byte{3, 3, 4, 5, 5, 4, 6, 4})
	f.Fuzz(func(t *testing.T, edges []byte) {
		const n = 16
		var reach, direct [n][n]bool
		var ps []*listedPackage
		for i := 0; i < n; i++ {
			ps = append(ps, &listedPackage{ImportPath: "p" + itoa(i)})
		}
		for k := 0; k+1 < len(edges); k += 2 {
			a, b := int(edges[k])%n, int(edges[k+1])%n
			ps[a].Imports = append(ps[a].Imports, ps[b].ImportPath)
			reach[a][b], direct[a][b] = true, true
		}
		for k := 0; k < n; k++ { // transitive closure
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					reach[i][j] = reach[i][j] || (reach[i][k] && reach[k][j])
				}
			}
		}
		plan := planChecks(ps)
		pos := map[string]int{}
		for i, p := range plan.order {
			if _, dup := pos[p.ImportPath]; dup {
				t.Fatalf("%s planned twice", p.ImportPath)
			}
			pos[p.ImportPath] = i
		}
		if len(pos) != n {
			t.Fatalf("%d of %d packages planned", len(pos), n)
		}
		for i := 0; i < n; i++ {
			if (plan.cycleText(ps[i].ImportPath) != "") != reach[i][i] {
				t.Errorf("p%d: in a cycle = %v, reported %q", i, reach[i][i], plan.cycleText(ps[i].ImportPath))
			}
			for j := 0; j < n; j++ {
				mutual := i != j && reach[i][j] && reach[j][i]
				if plan.inCycle(ps[i].ImportPath, ps[j].ImportPath) != (mutual || (i == j && reach[i][i])) {
					t.Errorf("inCycle(p%d, p%d) wrong", i, j)
				}
				if direct[i][j] && !reach[j][i] && pos[ps[j].ImportPath] > pos[ps[i].ImportPath] {
					t.Errorf("p%d is planned before p%d, which it imports", i, j)
				}
			}
		}
	})
}
