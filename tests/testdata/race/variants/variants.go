// Package variants: the same sharing bug over the kinds of memory Go programs share.
package variants

import "sync"

type S struct {
	N    int
	Name string
	Tags []string
	M    map[string]int
	P    *S
	Arr  [4]int
}

func wait(wg *sync.WaitGroup, f func()) {
	defer wg.Done()
	f()
}

func IntVar() {
	var wg sync.WaitGroup
	n := 0
	wg.Add(2)
	go wait(&wg, func() { n = 1 }) // want `data race: n written`
	go wait(&wg, func() { n = 2 })
	wg.Wait()
	println(n)
}

func StringVar() {
	var wg sync.WaitGroup
	s := ""
	wg.Add(2)
	go wait(&wg, func() { s = "a" }) // want `data race: s written`
	go wait(&wg, func() { s = "b" })
	wg.Wait()
	println(s)
}

func BoolFlag() bool {
	stop := false
	go func() { stop = true }() // want `data race: stop written`
	return stop
}

func BoolFlagAtomic() {
	var mu sync.Mutex
	stop := false
	go func() { mu.Lock(); stop = true; mu.Unlock() }()
	mu.Lock()
	_ = stop
	mu.Unlock()
}

func StructField(s *S) {
	go func() { s.N++ }() // want `data race: s.N written`
	s.N++
}

func StructStringField(s *S) string {
	go func() { s.Name = "x" }() // want `data race: s.Name written`
	return s.Name
}

func SliceField(s *S) {
	go func() { s.Tags = append(s.Tags, "a") }() // want `data race: s.Tags written`
	s.Tags = nil
}

func MapField(s *S) {
	go func() { s.M["a"]++ }() // want `data race: s.M\["a"\] written`
	s.M["b"]++
}

func NestedPointerField(s *S) {
	go func() { s.P.N = 1 }() // want `data race: s.P.N written`
	s.P.N = 2
}

func ArrayField(s *S) {
	go func() { s.Arr[1] = 1 }() // want `data race: s.Arr\[1\] written`
	s.Arr[1] = 2
}

func ArrayFieldDistinct(s *S) {
	done := make(chan bool)
	go func() { s.Arr[1] = 1; done <- true }()
	s.Arr[2] = 2
	<-done
}

func PointerDeref(p *int) {
	go func() { *p = 1 }() // want `data race: \*p written`
	*p = 2
}

func PointerToLocal() int {
	x := 0
	p := &x
	go func() { *p = 1 }() // want `data race: x written`
	return x
}

func InterfaceValue() {
	var v any
	done := make(chan bool)
	go func() { v = 1; done <- true }() // want `data race: v written`
	v = "a"
	<-done
	println(v)
}

func FuncValue() {
	f := func() {}
	done := make(chan bool)
	go func() { f = nil; done <- true }() // want `data race: f written`
	f()
	<-done
}

func ChannelVariable() {
	ch := make(chan int, 1)
	done := make(chan bool)
	go func() { ch = make(chan int); done <- true }() // want `data race: ch written`
	ch <- 1
	<-done
}

func SliceHeader() {
	xs := []int{1, 2}
	done := make(chan bool)
	go func() { xs = xs[:1]; done <- true }() // want `data race: xs written`
	println(len(xs))
	<-done
}

func SliceElementsAndHeader() {
	xs := []int{1, 2}
	done := make(chan bool)
	go func() { xs[0] = 3; done <- true }()
	ys := xs
	<-done
	_ = ys
}

func GlobalSlice() {
	go func() { globalList = append(globalList, 1) }() // want `data race: globalList written`
	globalList = append(globalList, 2)
}

var globalList []int

func GlobalStruct() {
	go func() { globalS.N = 1 }() // want `data race: globalS.N written`
	println(globalS.N)
}

var globalS S

func GlobalStructDifferentFields() {
	done := make(chan bool)
	go func() { globalS.N = 1; done <- true }()
	globalS.Name = "x"
	<-done
}

func CompoundAssign() {
	total := 0
	done := make(chan bool)
	go func() { total *= 2; done <- true }() // want `data race: total written`
	total -= 1
	<-done
}

func MultiAssign() {
	a, b := 0, 0
	done := make(chan bool)
	go func() { a, b = b, a; done <- true }() // want `data race: (a|b) written`
	a = 5
	<-done
	println(b)
}

func IncDecInLoopBody(n int) {
	count := 0
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 0 {
				count-- // want `data race: count written`
			}
		}()
	}
	wg.Wait()
}

func ReadWriteSeparateGoroutines() int {
	v := 0
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); v = 42 }() // want `data race: v written`
	r := 0
	go func() { defer wg.Done(); r = v }()
	wg.Wait()
	return r
}

func TwoReaders() int {
	v := 1
	var wg sync.WaitGroup
	wg.Add(2)
	a, b := 0, 0
	go func() { defer wg.Done(); a = v }()
	go func() { defer wg.Done(); b = v }()
	wg.Wait()
	return a + b
}
