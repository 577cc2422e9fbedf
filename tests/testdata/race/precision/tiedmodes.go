package precision

import "io"

// A decoder whose concurrency is fixed by its options. The synchronous mode turns on a flag of its
// own (sync.enabled) and never starts the stream goroutine; the read path tests the flag, not the
// option, so the flag carries the mode.
type syncState struct {
	enabled bool
	r       io.Reader
}

type tiedOptions struct {
	concurrent int
}

// setDefault is an initializer: only constructors call it.
func (o *tiedOptions) setDefault() {
	if o.concurrent > 4 {
		o.concurrent = 4
	}
}

type TiedDecoder struct {
	o       tiedOptions
	sync    syncState
	history []byte
	out     chan []byte
}

func NewTiedDecoder(concurrent int) *TiedDecoder {
	d := &TiedDecoder{o: tiedOptions{concurrent: concurrent}}
	d.o.setDefault()
	return d
}

func (d *TiedDecoder) Reset(r io.Reader) {
	if d.o.concurrent == 1 {
		d.startSync(r)
		return
	}
	d.out = make(chan []byte, d.o.concurrent)
	go d.stream(r)
}

func (d *TiedDecoder) startSync(r io.Reader) {
	d.sync.r = r
	d.sync.enabled = true
}

// stream runs only in the concurrent mode.
func (d *TiedDecoder) stream(r io.Reader) {
	buf := make([]byte, 64)
	n, _ := r.Read(buf)
	d.out <- append(d.history, buf[:n]...)
}

func (d *TiedDecoder) Read(p []byte) (int, error) {
	if d.sync.enabled {
		n, err := d.sync.r.Read(p)
		d.history = append(d.history[:0], p[:n]...)
		return n, err
	}
	b := <-d.out
	return copy(p, b), nil
}

// Racy twin: a method also turns the flag on in any mode, so it no longer says the goroutine is absent.
type TiedDecoder2 struct {
	concurrent int
	sync       syncState2
	history    []byte
	out        chan []byte
}

func (d *TiedDecoder2) Reset(r io.Reader) {
	if d.concurrent == 1 {
		d.startSync(r)
		return
	}
	d.out = make(chan []byte, d.concurrent)
	go d.stream(r)
}

func (d *TiedDecoder2) startSync(r io.Reader) {
	d.sync.r = r
	d.sync.enabled = true
}

func (d *TiedDecoder2) ForceSync(r io.Reader) {
	d.sync.r = r
	d.sync.enabled = true
}

func (d *TiedDecoder2) stream(r io.Reader) {
	buf := make([]byte, 64)
	n, _ := r.Read(buf)
	d.out <- append(d.history, buf[:n]...) // want `data race: d.history\[len\(d.history\)\] written by the goroutine started at tiedmodes.go:\d+; d.history\[_\] read at tiedmodes.go:\d+ by TiedDecoder2.Read`
}

func (d *TiedDecoder2) Read(p []byte) (int, error) {
	if d.sync.enabled {
		n, err := d.sync.r.Read(p)
		d.history = append(d.history[:0], p[:n]...)
		return n, err
	}
	b := <-d.out
	return copy(p, b), nil
}

type syncState2 struct {
	enabled bool
	r       io.Reader
}

// Racy twin: the option is also changed by a method after construction, so it is no mode.
type tiedOptions3 struct {
	concurrent int
}

func (o *tiedOptions3) setDefault() {
	if o.concurrent > 4 {
		o.concurrent = 4
	}
}

type syncState3 struct {
	enabled bool
}

type TiedDecoder3 struct {
	o       tiedOptions3
	sync    syncState3
	history []byte
}

func NewTiedDecoder3(concurrent int) *TiedDecoder3 {
	d := &TiedDecoder3{o: tiedOptions3{concurrent: concurrent}}
	d.o.setDefault()
	return d
}

func (d *TiedDecoder3) Reconfigure(n int) {
	d.o.concurrent = n
	d.o.setDefault()
}

func (d *TiedDecoder3) Reset() {
	if d.o.concurrent == 1 {
		d.sync.enabled = true
		return
	}
	go func() {
		d.history = d.history[:0] // want `data race: d.history written by the goroutine started at tiedmodes.go:\d+; read at tiedmodes.go:\d+ by TiedDecoder3.Read`
	}()
}

func (d *TiedDecoder3) Read(p []byte) int {
	if d.sync.enabled {
		return copy(p, d.history)
	}
	return 0
}
