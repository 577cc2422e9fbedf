package order

import "sync"

// The hand-back rule between two goroutines of one parent: the cleaner is started only while its channel
// field is nil, under the lock, and sets it back to nil under the lock as its last touch; a worker goroutine
// that starts a cleaner itself (seeing nil) runs after the old cleaner's reads.
type Pool struct {
	mu        sync.Mutex
	cleanerCh chan struct{}
	closed    bool
}

func (p *Pool) startCleanerLocked() {
	if p.cleanerCh == nil {
		p.cleanerCh = make(chan struct{}, 1)
		go p.cleaner()
	}
}

func (p *Pool) cleaner() {
	for {
		<-p.cleanerCh
		p.mu.Lock()
		if p.closed {
			p.cleanerCh = nil
			p.mu.Unlock()
			return
		}
		p.mu.Unlock()
	}
}

func (p *Pool) use() {
	p.mu.Lock()
	p.startCleanerLocked()
	p.mu.Unlock()
}

func RunPoolWorkers(p *Pool) {
	p.use()
	done := make(chan bool)
	go func() {
		p.use()
		done <- true
	}()
	<-done
}

// The racy twin: the cleaner goes on reading the field after handing it back.
type Pool2 struct {
	mu        sync.Mutex
	cleanerCh chan struct{}
	closed    bool
}

func (p *Pool2) startCleanerLocked() {
	if p.cleanerCh == nil {
		p.cleanerCh = make(chan struct{}, 1)
		go p.cleaner()
	}
}

func (p *Pool2) cleaner() {
	for {
		p.mu.Lock()
		if p.closed {
			p.cleanerCh = nil
			p.mu.Unlock()
		}
		p.mu.Unlock()
		<-p.cleanerCh // want `data race: p.cleanerCh read without holding p.mu by the goroutine started at handback.go:\d+; written at handback.go:\d+ .*by the goroutine started at handback.go:\d+`
	}
}

func (p *Pool2) use() {
	p.mu.Lock()
	p.startCleanerLocked()
	p.mu.Unlock()
}

func RunPool2Workers(p *Pool2) {
	p.use()
	done := make(chan bool)
	go func() {
		p.use()
		done <- true
	}()
	<-done
}
