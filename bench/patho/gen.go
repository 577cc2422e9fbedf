//go:build ignore

// Command gen writes a Go module of pathological but valid packages (each
// accepted by go build) for Vigil's robustness bench and tests. Nothing it
// writes is checked in: the files are generated at bench or test time.
//
//	go run gen.go -out DIR [-scale 1.0] [-only kind,kind]
//
// Every package is one kind of input (see kinds below); scale multiplies
// every size, so the tests run the same shapes small (e.g. -scale 0.02)
// and the bench full size (-scale 1). The package "normal" always has one
// nil dereference, so a run shows whether other packages' findings survive.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type kind struct {
	size int // at scale 1
	gen  func(n int) string
}

var kinds = map[string]kind{
	"longfunc":     {100000, longFunc},
	"bigswitch":    {50000, bigSwitch},
	"biglit":       {1900000, bigLiteral}, // ~20 MB of source
	"deepbinary":   {10000, deepBinary},
	"deepleft":     {10000, deepLeftBinary},
	"deepif":       {10000, deepIf},
	"deepblock":    {10000, deepBlock},
	"deepparen":    {10000, deepParen},
	"deepcall":     {10000, deepCall},
	"deeplit":      {10000, deepLiteral},
	"deepfunclit":  {10000, deepFuncLit},
	"deeptype":     {10000, deepType},
	"methodchain":  {10000, methodChain},
	"elsechain":    {10000, elseChain},
	"callchain":    {10000, callChain},
	"cycle":        {2000, recursionCycle},
	"callcycle":    {10000, callCycle},
	"gostmts":      {5000, goStatements},
	"deepgenerics": {60, deepGenerics},
}

func main() {
	out := flag.String("out", "", "directory to write the module into (created)")
	scale := flag.Float64("scale", 1, "multiplies every size")
	only := flag.String("only", "", "comma-separated kinds (default: all)")
	list := flag.Bool("list", false, "print the kinds and their full sizes, and exit")
	flag.Parse()
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	if *list {
		for _, k := range names {
			fmt.Printf("%s\t%d\n", k, kinds[k].size)
		}
		return
	}
	if *out == "" {
		fmt.Fprintln(os.Stderr, "gen: -out DIR is required")
		os.Exit(2)
	}
	if *only != "" {
		names = strings.Split(*only, ",")
	}
	write(filepath.Join(*out, "go.mod"), "module example.com/patho\n\ngo 1.22\n")
	write(filepath.Join(*out, "normal", "normal.go"), normal)
	for _, name := range names {
		k, ok := kinds[name]
		if !ok {
			fmt.Fprintf(os.Stderr, "gen: unknown kind %q (see -list)\n", name)
			os.Exit(2)
		}
		n := int(float64(k.size) * *scale)
		if n < 2 {
			n = 2
		}
		write(filepath.Join(*out, name, name+".go"), "package "+name+"\n\n"+k.gen(n))
	}
}

func write(path, text string) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// normal has exactly one vigil-nil finding (normal.go:7), whatever else fails.
const normal = `package normal

type T struct{ x int }

func Use() int {
	var t *T
	return t.x
}
`

func longFunc(n int) string {
	var b strings.Builder
	b.WriteString("func Long(p *int) int {\n\tx := 0\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "\tx += %d\n", i%7)
	}
	b.WriteString("\treturn x + *p\n}\n")
	return b.String()
}

func bigSwitch(n int) string {
	var b strings.Builder
	b.WriteString("func Switch(v int) int {\n\tswitch v {\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "\tcase %d:\n\t\treturn %d\n", i, i%5)
	}
	b.WriteString("\t}\n\treturn -1\n}\n")
	return b.String()
}

func bigLiteral(n int) string {
	var b strings.Builder
	b.WriteString("var Table = []int{\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "\t%d,\n", 100000+i%900000)
	}
	b.WriteString("}\n")
	return b.String()
}

// deepBinary is a right-nested sum: a + (a + (a + ...)).
func deepBinary(n int) string {
	return "func F(a int) int {\n\treturn " + strings.Repeat("a + (", n-1) + "a" + strings.Repeat(")", n-1) + "\n}\n"
}

// deepLeftBinary is a long flat sum, which go/ast nests to the left.
func deepLeftBinary(n int) string {
	return "func F(a int) int {\n\treturn a" + strings.Repeat(" + a", n-1) + "\n}\n"
}

func deepIf(n int) string {
	return "func F(a int) int {\n" + strings.Repeat("if a > 0 {\n", n) + "a--\n" + strings.Repeat("}\n", n) + "return a\n}\n"
}

func deepBlock(n int) string {
	return "func F(a int) int {\n" + strings.Repeat("{\n", n) + "a++\n" + strings.Repeat("}\n", n) + "return a\n}\n"
}

func deepParen(n int) string {
	return "func F(a int) int {\n\treturn " + strings.Repeat("(", n) + "a" + strings.Repeat(")", n) + "\n}\n"
}

func deepCall(n int) string {
	return "func g(a int) int { return a + 1 }\n\nfunc F(a int) int {\n\treturn " + strings.Repeat("g(", n) + "a" + strings.Repeat(")", n) + "\n}\n"
}

func deepLiteral(n int) string {
	return "type L struct{ Next *L }\n\nvar V = " + strings.Repeat("&L{Next: ", n) + "nil" + strings.Repeat("}", n) + "\n"
}

func deepFuncLit(n int) string {
	return "func F(a int) int {\n" + strings.Repeat("func() {\n", n) + "a++\n" + strings.Repeat("}()\n", n) + "return a\n}\n"
}

// deepType is a pointer type n levels deep, used by a function.
func deepType(n int) string {
	return "type P = " + strings.Repeat("*", n) + "int\n\nfunc F(p P) bool {\n\treturn p != nil\n}\n"
}

// methodChain is a builder chain b.Add(1).Add(2)..., which go/ast nests to the left.
func methodChain(n int) string {
	var b strings.Builder
	b.WriteString("type B struct{ n int }\n\nfunc (b *B) Add(i int) *B { b.n += i; return b }\n\nfunc F() int {\n\treturn (&B{})")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, ".Add(%d)", i%10)
	}
	b.WriteString(".n\n}\n")
	return b.String()
}

// elseChain is an if / else if chain of n branches, as generated dispatch code has.
func elseChain(n int) string {
	var b strings.Builder
	b.WriteString("func F(v int) int {\n\tif v == 0 {\n\t\treturn 0\n\t}")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, " else if v == %d {\n\t\treturn %d\n\t}", i, i%3)
	}
	b.WriteString("\n\treturn -1\n}\n")
	return b.String()
}

// callChain passes a nil down n calls; the last one dereferences it.
func callChain(n int) string {
	var b strings.Builder
	b.WriteString("func Start() int { return f0(nil) }\n\n")
	for i := 0; i < n-1; i++ {
		fmt.Fprintf(&b, "func f%d(p *int) int { return f%d(p) }\n", i, i+1)
	}
	fmt.Fprintf(&b, "func f%d(p *int) int { return *p }\n", n-1)
	return b.String()
}

func recursionCycle(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "func c%d(p *int, d int) int {\n\tif d == 0 {\n\t\treturn *p\n\t}\n\treturn c%d(p, d-1)\n}\n", i, (i+1)%n)
	}
	b.WriteString("func Start(p *int) int { return c0(p, 10) }\n")
	return b.String()
}

// callCycle is callChain closed into one recursion: the last function
// dereferences its parameter and calls the first again, so the fact "f0
// dereferences p" goes around the whole cycle, one function per round of
// summaries (the members of a recursion are solved together).
func callCycle(n int) string {
	var b strings.Builder
	b.WriteString("func Start() int { return f0(nil, 3) }\n\n")
	for i := 0; i < n-1; i++ {
		fmt.Fprintf(&b, "func f%d(p *int, d int) int { return f%d(p, d) }\n", i, i+1)
	}
	fmt.Fprintf(&b, "func f%d(p *int, d int) int {\n\tv := *p\n\tif d > 0 {\n\t\treturn v + f0(p, d-1)\n\t}\n\treturn v\n}\n", n-1)
	return b.String()
}

func goStatements(n int) string {
	var b strings.Builder
	b.WriteString("import \"sync\"\n\nfunc F() int {\n\tvar mu sync.Mutex\n\tvar wg sync.WaitGroup\n\tx := 0\n")
	for i := 0; i < n; i++ {
		b.WriteString("\twg.Add(1)\n\tgo func() { defer wg.Done(); mu.Lock(); x++; mu.Unlock() }()\n")
	}
	b.WriteString("\twg.Wait()\n\treturn x\n}\n")
	return b.String()
}

// deepGenerics nests a generic type n deep and calls a generic function
// through a chain of n generic functions.
func deepGenerics(n int) string {
	var b strings.Builder
	b.WriteString("type Box[T any] struct{ V *T }\n\nfunc Get[T any](b Box[T]) T { return *b.V }\n\n")
	b.WriteString("type Deep = " + strings.Repeat("Box[", n) + "int" + strings.Repeat("]", n) + "\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "func g%d[T any](b Box[T]) T { return g%d(b) }\n", i, i+1)
	}
	fmt.Fprintf(&b, "func g%d[T any](b Box[T]) T { return Get(b) }\n\n", n)
	b.WriteString("func F(d Deep) int {\n\tx := g0(d)\n\t_ = x\n\treturn 0\n}\n")
	return b.String()
}
