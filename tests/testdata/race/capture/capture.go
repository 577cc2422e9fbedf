// Package capture: variables captured by goroutine closures, globals, loop variables.
package capture

import "sync"

var counter int
var config map[string]string

func CapturedWriteAfterGo() int {
	x := 0
	done := make(chan bool)
	go func() {
		x = 1 // want `data race: x written by the goroutine started at capture.go:12; read at capture.go:16`
		done <- true
	}()
	y := x
	<-done
	return y
}

func CapturedWriteJoined() int {
	x := 0
	done := make(chan bool)
	go func() {
		x = 1
		done <- true
	}()
	<-done
	return x
}

func CapturedBeforeGo() int {
	x := 1
	done := make(chan bool)
	x = 2
	go func() {
		println(x)
		done <- true
	}()
	<-done
	return x
}

func TwoGoroutinesWrite() {
	var x int
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); x = 1 }() // want `data race: x written`
	go func() { defer wg.Done(); x = 2 }()
	wg.Wait()
	_ = x
}

func TwoGoroutinesRead() int {
	x := 5
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); _ = x }()
	go func() { defer wg.Done(); _ = x }()
	wg.Wait()
	return x
}

func LoopIncrement(n int) int {
	total := 0
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			total++ // want `data race: total written .*another instance of the same goroutine`
		}()
	}
	wg.Wait()
	return total
}

func LoopIncrementLocked(n int) int {
	total := 0
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			total++
			mu.Unlock()
		}()
	}
	wg.Wait()
	return total
}

// Go 1.22: each iteration has its own i, so capturing it is not shared.
func LoopVarPerIteration(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = i * 2
		}()
	}
	wg.Wait()
}

// A variable declared before the loop is shared by every iteration.
func LoopSharedOuterVar(xs []int) {
	var last int
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last = x // want `data race: last written .*another instance`
		}()
	}
	wg.Wait()
	_ = last
}

func LoopVarLocalCopy(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		v := x
		wg.Add(1)
		go func() {
			defer wg.Done()
			v++
		}()
	}
	wg.Wait()
}

// The loop body writes the captured per-iteration variable after starting the goroutine.
func LoopVarWrittenAfterGo(xs []int) {
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			println(x)
		}()
		x = 0 // want `data race: x written in LoopVarWrittenAfterGo while the goroutine runs`
	}
	wg.Wait()
}

func GlobalFromGoroutines() {
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); counter++ }() // want `data race: counter written`
	go func() { defer wg.Done(); counter++ }()
	wg.Wait()
}

func bumpGlobal() { counter++ } // want `data race: counter written by the goroutine started at capture.go:16[12]`

func GlobalFromNamedFunc() {
	go bumpGlobal()
	go bumpGlobal()
}

func GlobalFromNamedFuncOnce() {
	done := make(chan bool)
	go func() { bumpGlobal(); done <- true }()
	<-done
	bumpGlobal()
}

func GlobalMapWrite() {
	done := make(chan bool)
	go func() {
		config["a"] = "b" // want `data race: config\[.*\] written`
		done <- true
	}()
	_ = config["a"]
	<-done
}

func GlobalMapReadOnly() {
	done := make(chan bool)
	go func() {
		_ = config["a"]
		done <- true
	}()
	_ = config["b"]
	<-done
}

func ParamCopy(n int) int {
	done := make(chan bool)
	go func(n int) {
		n++
		done <- true
	}(n)
	n = 3
	<-done
	return n
}

func ParamCaptured(n int) int {
	done := make(chan bool)
	go func() {
		n++ // want `data race: n written`
		done <- true
	}()
	n = 3
	<-done
	return n
}

func ReadOnlyAfterGo() int {
	x := 3
	done := make(chan bool)
	go func() {
		_ = x + 1
		done <- true
	}()
	y := x
	<-done
	return y
}

func WriteInParentReadInChild() {
	x := 0
	done := make(chan bool)
	go func() {
		println(x)
		done <- true
	}()
	x = 2 // want `data race: x written in WriteInParentReadInChild`
	<-done
}

func NestedClosure() {
	x := 0
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		inc := func() { x++ }
		inc() // want `data race: x written`
	}()
	x = 5
	wg.Wait()
}

func NestedClosureJoined() {
	x := 0
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		inc := func() { x++ }
		inc()
	}()
	wg.Wait()
	x = 5
}

func GoInsideGoroutine() {
	x := 0
	done := make(chan bool)
	go func() {
		go func() {
			x = 1 // want `data race: x written`
			done <- true
		}()
		x = 2
		_ = x
	}()
	<-done
}

func ErrVariableShared(fs []func() error) error {
	var err error
	var wg sync.WaitGroup
	for _, f := range fs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err = f() // want `data race: err written .*another instance`
		}()
	}
	wg.Wait()
	return err
}

func ErrVariablePerGoroutine(fs []func() error) []error {
	errs := make([]error, len(fs))
	var wg sync.WaitGroup
	for i, f := range fs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = f()
		}()
	}
	wg.Wait()
	return errs
}
