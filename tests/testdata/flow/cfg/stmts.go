// Package cfg holds one function per statement form, for the golden CFG tests.
package cfg

import (
	"errors"
	"fmt"
	"iter"
	"log"
	"os"
	"runtime"
	"sync"

	"vigil.test/flow/cfg/must"
)

type T struct {
	f  *T
	mu sync.Mutex
	n  int
}

func IfElseChain(x int) string {
	if x < 0 {
		return "neg"
	} else if x == 0 {
		return "zero"
	} else {
		x++
	}
	return "pos"
}

func IfInit(m map[string]int) int {
	if v, ok := m["k"]; ok {
		return v
	}
	return -1
}

func AndChain(x *T) bool {
	if x != nil && x.f != nil && x.f.n > 0 {
		return true
	}
	return false
}

func OrChain(x *T) int {
	if x == nil || x.f == nil {
		return 0
	}
	return x.f.n
}

func NotAndOr(a, b, c bool) int {
	if !(a && b) || !c {
		return 1
	}
	return 2
}

func ValueAnd(x *T) bool {
	ok := x != nil && x.n > 0 // not a branch condition: one node
	return ok
}

func ForThreeClause(n int) int {
	s := 0
	for i := 0; i < n; i++ {
		s += i
	}
	return s
}

func ForCondOnly(n int) int {
	for n > 10 {
		n /= 2
	}
	return n
}

func ForInfinite(ch chan int) int {
	for {
		v := <-ch
		if v < 0 {
			break
		}
		if v == 0 {
			continue
		}
		fmt.Println(v)
	}
	return 0
}

func ForeverNoBreak() {
	for {
		fmt.Println("spin")
	}
}

func RangeSlice(xs []int) (sum int) {
	for _, x := range xs {
		sum += x
	}
	return
}

func RangeArray(a [4]string) int {
	n := 0
	for i := range a {
		n += i
	}
	return n
}

func RangeString(s string) int {
	n := 0
	for i, r := range s {
		n += i + int(r)
	}
	return n
}

func RangeMap(m map[string]*T) {
	for k, v := range m {
		if v == nil {
			delete(m, k)
		}
	}
}

func RangeChannel(ch <-chan int) int {
	total := 0
	for v := range ch {
		total += v
	}
	return total
}

func RangeInt(n int) int {
	s := 0
	for i := range n {
		s += i
	}
	for range 3 {
		s++
	}
	return s
}

func Seq(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := 0; i < n; i++ {
			if !yield(i) {
				return
			}
		}
	}
}

func RangeFuncEarlyBreak(n int) int {
	found := -1
	for v := range Seq(n) {
		if v*v > n {
			found = v
			break
		}
	}
	return found
}

func Switch(x int) string {
	s := ""
	switch y := x * 2; y {
	case 0, 1:
		s = "small"
	case 2:
		s = "two"
		fallthrough
	case 3:
		s += "three"
	default:
		s = "big"
	}
	return s
}

func SwitchNoTag(x *T) int {
	switch {
	case x == nil:
		return 0
	case x.f != nil && x.f.n > 0:
		return 1
	}
	return 2
}

func TypeSwitch(v any) string {
	switch t := v.(type) {
	case nil:
		return "nil"
	case int, int64:
		return fmt.Sprint(t)
	case error:
		return t.Error()
	default:
		return "?"
	}
}

func Select(a, b chan int, done chan struct{}) int {
	select {
	case v := <-a:
		return v
	case b <- 1:
		return 1
	case <-done:
	}
	return 0
}

func SelectDefault(a chan int) bool {
	select {
	case a <- 1:
		return true
	default:
		return false
	}
}

func SelectBreakLabel(in chan int, quit chan bool) int {
	n := 0
Loop:
	for {
		select {
		case v := <-in:
			n += v
		case <-quit:
			break Loop
		}
	}
	return n
}

func SelectEmpty() {
	select {}
}

func LabeledContinue(grid [][]int) int {
	count := 0
Rows:
	for _, row := range grid {
		for _, c := range row {
			if c < 0 {
				continue Rows
			}
			if c == 0 {
				break Rows
			}
			count++
		}
	}
	return count
}

func GotoIntoLoop(n int) int {
	i := 0
	if n > 5 {
		goto Loop
	}
	i = 10
Loop:
	for i < n {
		i++
	}
	return i
}

func GotoBackward(n int) int {
	i := 0
again:
	i++
	if i < n {
		goto again
	}
	return i
}

func DeferUnlock(t *T) int {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.n < 0 {
		panic("negative")
	}
	return t.n
}

func DeferInLoop(names []string) error {
	for _, n := range names {
		f, err := os.Open(n)
		if err != nil {
			return err
		}
		defer f.Close()
	}
	return nil
}

func DeferClosure() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	mustPositive(-1)
	return nil
}

func NamedResults(x int) (n int, err error) {
	if x < 0 {
		err = errors.New("neg")
		return
	}
	n = x
	return n, nil
}

func GoStmt(wg *sync.WaitGroup, t *T) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		t.n++
	}()
	wg.Wait()
}

func NoReturnCalls(x int) int {
	if x == 1 {
		os.Exit(1)
	}
	if x == 2 {
		log.Fatalf("bad %d", x)
	}
	if x == 3 {
		runtime.Goexit()
	}
	if x == 4 {
		fail("four")
	}
	return x
}

// fail always panics, so calls to it end their block.
func fail(msg string) {
	panic(errors.New(msg))
}

// mustPositive panics through fail on one path only: it returns.
func mustPositive(x int) {
	if x < 0 {
		fail("negative")
	}
}

// failTwice always panics through another always-panicking function.
func failTwice(msg string) {
	fail(msg + msg)
}

func CallsFailTwice(x int) int {
	if x > 0 {
		return x
	}
	failTwice("x")
	return 0
}

func Unreachable(x int) int {
	return x
	x++
	return x + 1
}

func DeclsAndIncDec() int {
	var a, b = 1, 2
	const c = 3
	type local struct{ v int }
	l := local{v: a}
	a++
	b--
	return a + b + c + l.v
}

func ClosureInside(xs []int) func() int {
	total := 0
	f := func() int {
		for _, x := range xs {
			if x < 0 {
				return -1
			}
			total += x
		}
		return total
	}
	return f
}

func (t *T) Method() int {
	if t == nil {
		return 0
	}
	return t.n
}

func CrossPackageNoReturn(err error, x int) int {
	must.OK(err) // returns
	if x < 0 {
		must.Fatal("negative %d", x)
	}
	if x == 0 {
		must.Never("zero")
	}
	return x
}
