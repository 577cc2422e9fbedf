package precision

import (
	"io"
	"time"
)

// A writer whose concurrency is fixed by its options: with concurrency 1 it writes
// synchronously and never starts the writer goroutine, so the synchronous path's
// counter update cannot meet the goroutine's.
type ModeWriter struct {
	concurrency int
	written     int64
	out         chan []byte
	dst         io.Writer
}

type ModeOption func(*ModeWriter)

func WithConcurrency(n int) ModeOption { return func(w *ModeWriter) { w.concurrency = n } }

func NewModeWriter(dst io.Writer, opts ...ModeOption) *ModeWriter {
	w := &ModeWriter{concurrency: 4}
	for _, o := range opts {
		o(w)
	}
	w.Reset(dst)
	return w
}

func (w *ModeWriter) Reset(dst io.Writer) {
	w.dst = dst
	if w.concurrency == 1 {
		return
	}
	w.out = make(chan []byte, w.concurrency)
	go func() {
		for b := range w.out {
			w.dst.Write(b)
		}
	}()
	go w.report()
}

// report logs the counter; it runs only in the concurrent mode.
func (w *ModeWriter) report() {
	for range time.Tick(time.Second) {
		println(w.written)
	}
}

func (w *ModeWriter) AddBlock(b []byte) error {
	if w.concurrency == 1 {
		n, err := w.dst.Write(b)
		w.written += int64(n)
		return err
	}
	w.out <- b
	return nil
}

// Racy twin: a setter changes the mode after the goroutine started.
type ModeWriter2 struct {
	concurrency int
	written     int64
	out         chan []byte
}

func NewModeWriter2() *ModeWriter2 {
	w := &ModeWriter2{concurrency: 4}
	w.Reset()
	return w
}

func (w *ModeWriter2) SetConcurrency(n int) { w.concurrency = n } // want `data race: w.concurrency written in ModeWriter2.SetConcurrency`

func (w *ModeWriter2) Reset() {
	if w.concurrency == 1 {
		return
	}
	w.out = make(chan []byte, w.concurrency)
	go w.report()
}

func (w *ModeWriter2) report() {
	for range time.Tick(time.Second) {
		println(w.written, w.concurrency)
	}
}

func (w *ModeWriter2) AddBlock(b []byte) {
	if w.concurrency == 1 {
		w.written += int64(len(b)) // want `data race: w.written written in ModeWriter2.AddBlock while the goroutine started by ModeWriter2.Reset runs`
		return
	}
	w.out <- b
}

// Racy twin: the counter is also updated outside the synchronous mode.
type ModeWriter3 struct {
	concurrency int
	written     int64
	out         chan []byte
}

func NewModeWriter3() *ModeWriter3 {
	w := &ModeWriter3{concurrency: 4}
	w.Reset()
	return w
}

func (w *ModeWriter3) Reset() {
	if w.concurrency == 1 {
		return
	}
	w.out = make(chan []byte, w.concurrency)
	go w.report()
}

func (w *ModeWriter3) report() {
	for range time.Tick(time.Second) {
		println(w.written)
	}
}

func (w *ModeWriter3) AddBlock(b []byte) {
	w.written += int64(len(b)) // want `data race: w.written written in ModeWriter3.AddBlock while the goroutine started by ModeWriter3.Reset runs`
	w.out <- b
}
