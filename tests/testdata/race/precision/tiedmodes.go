package precision

import "io"

// A decoder whose concurrency is fixed by its options. The synchronous mode turns on a flag of its
// own (sync.enabled) and never starts the stream goroutine; the read path tests the flag, not the
// option, so the flag carries the mode.
type syncState struct {
	enabled bool
	r       io.Reader
}

type TiedDecoder struct {
	concurrent int
	sync       syncState
	history    []byte
	out        chan []byte
}

func NewTiedDecoder(concurrent int) *TiedDecoder {
	return &TiedDecoder{concurrent: concurrent}
}

func (d *TiedDecoder) Reset(r io.Reader) {
	if d.concurrent == 1 {
		d.startSync(r)
		return
	}
	d.out = make(chan []byte, d.concurrent)
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
	d.out <- append(d.history, buf[:n]...) // want `data race: d.history\[len\(d.history\)\] written by the goroutine started at tiedmodes.go:69; d.history\[_\] read at tiedmodes.go:91 by TiedDecoder2.Read`
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
