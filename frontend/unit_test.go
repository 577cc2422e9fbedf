package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestUnitTypeChecksFromExportData builds a vet.cfg as the go command
// writes it (export data from go list -export) for a package that imports a
// module package and the standard library, and checks it in unit mode: the
// package alone, without errors, its imports' types from export data.
func TestUnitTypeChecksFromExportData(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/m\n\ngo 1.22\n")
	write("b/b.go", "package b\n\ntype T struct{ N int }\n\nfunc New() *T { return &T{} }\n")
	write("a/a.go", "package a\n\nimport (\n\t\"fmt\"\n\t\"example.com/m/b\"\n)\n\nfunc F() string { return fmt.Sprint(b.New().N) }\n")

	cmd := exec.Command(goBinary(), "list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}", "./a")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("go list -export: %v", err)
	}
	cfg := vetConfig{
		ID: "example.com/m/a", Dir: filepath.Join(dir, "a"), ImportPath: "example.com/m/a",
		GoFiles:     []string{filepath.Join(dir, "a", "a.go")},
		ImportMap:   map[string]string{"fmt": "fmt", "example.com/m/b": "example.com/m/b"},
		PackageFile: map[string]string{},
		ModulePath:  "example.com/m", GoVersion: "go1.22",
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if path, export, ok := strings.Cut(line, "\t"); ok && export != "" && path != cfg.ImportPath {
			cfg.PackageFile[path] = export
		}
	}
	data, _ := json.Marshal(cfg)
	cfgPath := filepath.Join(dir, "vet.cfg")
	if err := os.WriteFile(cfgPath, data, 0o644); err != nil {
		t.Fatal(err)
	}

	read, err := readVetConfig(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	lp := unitPackage(read, "", "")
	if lp.Standard || lp.Module == nil || lp.Module.GoVersion != "1.22" {
		t.Fatalf("unit package: standard %v, module %+v", lp.Standard, lp.Module)
	}
	l := newUnitLoader(read, lp)
	cp := l.targets[lp.ImportPath]
	l.checkSafely(cp)
	if len(cp.errors) > 0 {
		t.Fatalf("errors: %+v", cp.errors)
	}
	if cp.types == nil || cp.types.Scope().Lookup("F") == nil {
		t.Fatal("package a was not type-checked")
	}
	if got := len(cp.files); got != 1 {
		t.Fatalf("%d files parsed, want only the unit's 1", got)
	}
	imported := map[string]bool{}
	for _, p := range cp.types.Imports() {
		imported[p.Path()] = true
	}
	if !imported["example.com/m/b"] || !imported["fmt"] {
		t.Fatalf("imports %v", imported)
	}
}

// TestUnitOfAMissingConfigIsAnError: a vet.cfg that cannot be read gives an error, never a crash.
func TestUnitOfAMissingConfigIsAnError(t *testing.T) {
	if _, err := readVetConfig(filepath.Join(t.TempDir(), "none.cfg")); err == nil {
		t.Fatal("no error for a missing vet.cfg")
	}
	path := filepath.Join(t.TempDir(), "empty.cfg")
	os.WriteFile(path, []byte(`{"ImportPath":"x"}`), 0o644)
	if _, err := readVetConfig(path); err == nil || !strings.Contains(err.Error(), "no Go files") {
		t.Fatalf("error %v, want one that says the package has no Go files", err)
	}
}
