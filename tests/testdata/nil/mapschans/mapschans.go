// Package mapschans: map reads and writes, channel receives and close.
package mapschans

type Job struct{ ID int }

var registry = map[string]*Job{}

func Lookup(name string) int {
	return registry[name].ID // ok: map reads are presumed to find their key (too many false alarms otherwise)
}

func LookupOk(name string) int {
	j, ok := registry[name]
	if !ok {
		return 0
	}
	return j.ID // ok
}

func LookupOkUnchecked(name string) int {
	j, ok := registry[name]
	println(ok)
	return j.ID // want `(?s)nil panic: j may be nil .*key is missing`
}

func LookupCheckedWrong(name string) int {
	j := registry[name]
	if j == nil {
		println("missing", name)
	}
	return j.ID // ok: map reads stay unreported even after a non-exiting check (known false negative)
}

func LookupChecked(name string) int {
	j := registry[name]
	if j == nil {
		return 0
	}
	return j.ID // ok
}

func LookupAssigned(name string) int {
	j := registry[name]
	return j.ID // ok: as above
}

func MapOfInts(m map[string]int) int {
	return m["x"] + 1 // ok
}

func MapOfSlices(m map[string][]int) int {
	return len(m["x"]) // ok
}

func WriteNilMapParam(m map[string]int) {
	m["x"] = 1 // ok: nothing says the parameter is nil
}

func callWrite() {
	WriteNilMapParam(nil) // want `(?s)nil panic: nil .*passed to mapschans.WriteNilMapParam.*assignment to entry in nil map`
}

func DeleteNil() {
	var m map[string]int
	delete(m, "x") // ok: delete on a nil map is a no-op
}

func produce(ready bool) chan *Job {
	ch := make(chan *Job, 1)
	go func() {
		defer close(ch)
		if !ready {
			return
		}
		ch <- &Job{ID: 1}
	}()
	return ch
}

func Receive(ready bool) int {
	j := <-produce(ready)
	return j.ID // want `(?s)nil panic: j may be nil .*channel closed here`
}

func ReceiveOk(ready bool) int {
	j, ok := <-produce(ready)
	if !ok {
		return 0
	}
	return j.ID // ok
}

func ReceiveRange(ready bool) int {
	n := 0
	for j := range produce(ready) {
		n += j.ID // ok: range stops at close
	}
	return n
}

func LocalClosed() int {
	ch := make(chan *Job)
	go func() { close(ch) }()
	j := <-ch
	return j.ID // want `(?s)nil panic: j may be nil`
}

func NeverClosed() int {
	ch := make(chan *Job, 1)
	ch <- &Job{}
	j := <-ch
	return j.ID // ok: nothing closes ch
}

type worker struct {
	results chan *Job
}

func (w *worker) stop() { close(w.results) }

func (w *worker) Next() int {
	return (<-w.results).ID // want `(?s)nil panic: .*channel closed here`
}

func (w *worker) NextOk() int {
	j, ok := <-w.results
	if !ok {
		return -1
	}
	return j.ID // ok
}

func IntChannel() int {
	ch := make(chan int)
	close(ch)
	return <-ch + 1 // ok: not a pointer
}

func CloseParam(ch chan int) { close(ch) }

func CloseNilArg() {
	CloseParam(nil) // want `(?s)nil panic: nil .*close of nil channel`
}

func SendNil() {
	var ch chan int
	go func() { ch <- 1 }() // ok: a send on a nil channel blocks; it does not panic
}

type request struct{ body []byte }

// The lookup fails only for kinds that create the entry, which the early
// return admits through its second operand (a correlation): silent.
func HandleRecord(reqs map[int]*request, id, kind int) int {
	req, ok := reqs[id]
	if !ok && kind != 1 && kind != 2 {
		return 0
	}
	switch kind {
	case 1:
		reqs[id] = &request{}
		return 1
	case 3:
		return len(req.body) // ok
	}
	return 0
}

// The same lookup without the second operand: a missing key reaches the use.
func HandleRecordNoCheck(reqs map[int]*request, id int) int {
	req, ok := reqs[id]
	if !ok {
		println("missing")
	}
	return len(req.body) // want `req may be nil here`
}
