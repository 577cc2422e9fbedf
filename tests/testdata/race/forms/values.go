package forms

// A branch on a variable declared just before without a value never runs (the variable is zero there).
func KeepOnHeap(n int) {
	var sink *byte
	done := make(chan bool)
	for p := 0; p < 2; p++ {
		go func() {
			for i := 0; i < n; i++ {
				var b byte
				if b != 0 {
					sink = &b
				}
				b = 42
			}
			done <- true
		}()
	}
	<-done
	<-done
	_ = sink
}

// The twin: the value is set before the test, so the branch runs.
func KeepOnHeapSet(n int) {
	var sink *byte
	done := make(chan bool)
	for p := 0; p < 2; p++ {
		go func() {
			for i := 0; i < n; i++ {
				var b byte
				b = byte(i)
				if b != 0 {
					sink = &b // want `data race: sink written by the goroutine`
				}
			}
			done <- true
		}()
	}
	<-done
	<-done
	_ = sink
}

// A type switch binds the value it switches on: writing through the *int case writes x.
func SwitchWriteRacy() {
	var x, y int
	var i any = &x
	done := make(chan bool, 1)
	go func() {
		switch p := i.(type) {
		case *int:
			*p = y // want `data race: x written by the goroutine`
		}
		done <- true
	}()
	x = 1
	<-done
}

func SwitchWriteJoined() {
	var x, y int
	var i any = &x
	done := make(chan bool, 1)
	go func() {
		switch p := i.(type) {
		case *int:
			*p = y
		}
		done <- true
	}()
	<-done
	x = 1
}
