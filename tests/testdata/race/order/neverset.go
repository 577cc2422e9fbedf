package order

// A flag nothing sets guards code that never runs: it makes the compiler believe a value escapes.
var escapeHatch struct {
	on  bool
	sink any
}

func escapes(x any) {
	if escapeHatch.on {
		escapeHatch.sink = x
	}
}

func EscapeFromMany(n int) {
	for i := 0; i < n; i++ {
		go escapes(i)
	}
}

// The same with a flag that some code sets: the guarded write runs.
var debugHook struct {
	on  bool
	log []any
}

func EnableDebug() { debugHook.on = true } // want `data race: debugHook.on written in EnableDebug while the goroutine started by RecordFromMany runs`

func record(x any) {
	if debugHook.on {
		debugHook.log = append(debugHook.log, x) // want `data race: debugHook.log written by the goroutine started at neverset.go:\d+; (read|written) at neverset.go:\d+ concurrently by another instance of the same goroutine`
	}
}

func RecordFromMany(n int) {
	for i := 0; i < n; i++ {
		go record(i)
	}
}

// A flag whose address is handed out may be set through the pointer.
var traced bool
var traceLog []int

func Flag() *bool { return &traced }

func trace(i int) {
	if traced {
		traceLog = append(traceLog, i) // want `data race: traceLog written by the goroutine started at neverset.go:\d+; (read|written) at neverset.go:\d+ concurrently by another instance of the same goroutine`
	}
}

func TraceFromMany(n int) {
	for i := 0; i < n; i++ {
		go trace(i)
	}
}

// The flag's initializer is the constant false, the zero value written out: the guarded write never runs
// (runtime's chan_test `localWork`: `if alwaysFalse { workSink += foo }`).
var (
	alwaysFalse = false
	workSink    = 0
)

func localWork(w int) {
	foo := 0
	for i := 0; i < w; i++ {
		foo /= (foo + 1)
	}
	if alwaysFalse {
		workSink += foo
	}
}

func WorkFromMany(n int) {
	for i := 0; i < n; i++ {
		go localWork(i)
	}
}

// Initialized to true: the guarded write runs.
var alwaysOn = true
var onSink = 0

func onWork(w int) {
	if alwaysOn {
		onSink += w // want `data race: onSink written by the goroutine started at neverset.go:\d+; (read|written) at neverset.go:\d+ concurrently by another instance of the same goroutine`
	}
}

func OnFromMany(n int) {
	for i := 0; i < n; i++ {
		go onWork(i)
	}
}
