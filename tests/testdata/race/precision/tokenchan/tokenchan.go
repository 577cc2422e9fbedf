package tokenchan

type request struct{ entries []string }

// DB writes batches in the background, one at a time: a capacity-1 channel is taken before each write starts and
// given back when the write is done.
type DB struct {
	writeCh chan *request
	closeCh chan struct{}
	written int
	head    string
}

func (db *DB) writeRequests(reqs []*request) {
	for _, r := range reqs {
		db.written += len(r.entries)
		if len(r.entries) > 0 {
			db.head = r.entries[0]
		}
	}
}

func (db *DB) doWrites() {
	pendingCh := make(chan struct{}, 1)
	writeRequests := func(reqs []*request) {
		db.writeRequests(reqs)
		<-pendingCh
	}
	reqs := make([]*request, 0, 10)
	for {
		var r *request
		select {
		case r = <-db.writeCh:
		case <-db.closeCh:
			goto closedCase
		}
		for {
			reqs = append(reqs, r)
			if len(reqs) >= 30 {
				pendingCh <- struct{}{} // blocking
				goto writeCase
			}
			select {
			case r = <-db.writeCh:
			case pendingCh <- struct{}{}:
				goto writeCase
			case <-db.closeCh:
				goto closedCase
			}
		}

	closedCase:
		for {
			select {
			case r = <-db.writeCh:
				reqs = append(reqs, r)
			default:
				pendingCh <- struct{}{} // push to pending before the last write
				writeRequests(reqs)
				return
			}
		}

	writeCase:
		go writeRequests(reqs)
		reqs = make([]*request, 0, 10)
	}
}

// Racy twin: one way to the start does not take the token (the non-blocking try falls back to starting anyway).
type DB2 struct {
	writeCh chan *request
	closeCh chan struct{}
	written int
}

func (db *DB2) writeRequests(reqs []*request) {
	for _, r := range reqs {
		db.written += len(r.entries)
	}
}

func (db *DB2) doWrites() {
	pendingCh := make(chan struct{}, 1)
	writeRequests := func(reqs []*request) {
		db.writeRequests(reqs) // want `data race: db.written written by the goroutine started at tokenchan.go:\d+; written at tokenchan.go:\d+ \(inside the call, at tokenchan.go:\d+\) concurrently by another instance of the same goroutine`
		<-pendingCh
	}
	for {
		var reqs []*request
		select {
		case r := <-db.writeCh:
			reqs = append(reqs, r)
		case <-db.closeCh:
			return
		}
		select {
		case pendingCh <- struct{}{}:
		default:
		}
		go writeRequests(reqs)
	}
}

// Racy twin: the goroutine gives the token back before its last write.
type DB3 struct {
	writeCh chan *request
	written int
}

func (db *DB3) doWrites() {
	pendingCh := make(chan struct{}, 1)
	write := func(n int) {
		<-pendingCh
		db.written += n // want `data race: db.written written by the goroutine started at tokenchan.go:\d+; written at tokenchan.go:\d+ concurrently by another instance of the same goroutine`
	}
	for r := range db.writeCh {
		pendingCh <- struct{}{}
		go write(len(r.entries))
	}
}

// Racy twin: the starter resets the counter right after the start, before it takes the token again.
type DB4 struct {
	writeCh chan *request
	written int
}

func (db *DB4) doWrites() {
	pendingCh := make(chan struct{}, 1)
	write := func(n int) {
		db.written += n // want `data race: db.written written by the goroutine started at tokenchan.go:137; written at tokenchan.go:138 by DB4.doWrites, after it starts the goroutine`
		<-pendingCh
	}
	for r := range db.writeCh {
		pendingCh <- struct{}{}
		go write(len(r.entries))
		db.written = 0
	}
}

