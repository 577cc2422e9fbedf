package precision

import "sync"

// A writer whose constructor starts the worker that drains its queue: the
// caller that makes one and writes to it directly, without queueing anything,
// never races with the worker (it only works on queued batches, and on stop
// it closes its own queue and drains what is left).
type batchWriter struct {
	queue   chan []string
	stop    chan struct{}
	done    sync.WaitGroup
	lastKey string
}

func newBatchWriter() (*batchWriter, error) {
	w := &batchWriter{queue: make(chan []string, 3), stop: make(chan struct{})}
	w.done.Add(1)
	go w.run()
	return w, nil
}

func (w *batchWriter) run() {
	defer w.done.Done()
	for {
		select {
		case batch := <-w.queue:
			w.add(batch) // want `data race: w.lastKey written by the goroutine started at ctorqueue.go:\d+; written at ctorqueue.go:\d+ \(inside the call, at ctorqueue.go:\d+\) by WriteQueued, after it starts the goroutine`
		case <-w.stop:
			close(w.queue)
			for batch := range w.queue {
				w.add(batch)
			}
			return
		}
	}
}

func (w *batchWriter) add(batch []string) {
	for _, k := range batch {
		w.lastKey = k
	}
}

func (w *batchWriter) finish() {
	close(w.stop)
	w.done.Wait()
}

// WriteHead makes a writer for one key and adds it directly: nothing is ever
// queued on this writer, so its worker never runs add.
func WriteHead(key string) error {
	head, err := newBatchWriter()
	if err != nil {
		return err
	}
	head.add([]string{key})
	head.finish()
	return nil
}

// WriteQueued is the racy twin: it queues a batch, and then adds directly
// while the worker may be adding the queued one.
func WriteQueued(keys []string) error {
	w, err := newBatchWriter()
	if err != nil {
		return err
	}
	w.queue <- keys
	w.add([]string{"last"})
	w.finish()
	return nil
}
