package precision

// A server whose constructor starts its workers: they touch the server only for streams
// that Serve hands them, after NewQueueServer returned, so the constructor's later
// writes come first.
type queueJob struct{ n int }

type QueueServer struct {
	workers []chan *queueJob
	id      int
	name    string
}

func NewQueueServer(n int) *QueueServer {
	s := &QueueServer{name: "srv"}
	s.initWorkers(n)
	s.id = register(s.name)
	return s
}

func register(name string) int { return len(name) }

func (s *QueueServer) initWorkers(n int) {
	s.workers = make([]chan *queueJob, n)
	for i := 0; i < n; i++ {
		s.workers[i] = make(chan *queueJob)
		go s.worker(s.workers[i])
	}
}

func (s *QueueServer) worker(ch chan *queueJob) {
	for {
		j, ok := <-ch
		if !ok {
			return
		}
		s.handle(j)
	}
}

func (s *QueueServer) handle(j *queueJob) { j.n += s.id }

func (s *QueueServer) Serve(jobs []*queueJob) {
	for i, j := range jobs {
		s.workers[i%len(s.workers)] <- j
	}
}

func (s *QueueServer) Stop() {
	for i := range s.workers {
		close(s.workers[i])
	}
}

// Racy twin: the constructor hands a warm-up job to the workers before it writes the field.
type QueueServer2 struct {
	workers []chan *queueJob
	id      int
	name    string
}

func NewQueueServer2(n int) *QueueServer2 {
	s := &QueueServer2{name: "srv"}
	s.initWorkers(n)
	s.workers[0] <- &queueJob{}
	s.id = register(s.name) // want `data race: s.id written in NewQueueServer2 while the goroutine runs`
	return s
}

func (s *QueueServer2) initWorkers(n int) {
	s.workers = make([]chan *queueJob, n)
	for i := 0; i < n; i++ {
		s.workers[i] = make(chan *queueJob)
		go s.worker(s.workers[i])
	}
}

func (s *QueueServer2) worker(ch chan *queueJob) {
	for {
		j, ok := <-ch
		if !ok {
			return
		}
		j.n += s.id
	}
}

// Racy twin: the channel is copied out of the field, so sends through the copy are not seen.
type QueueServer3 struct {
	workers []chan *queueJob
	first   chan *queueJob
	id      int
	name    string
}

func NewQueueServer3(n int) *QueueServer3 {
	s := &QueueServer3{name: "srv"}
	s.workers = make([]chan *queueJob, n)
	for i := 0; i < n; i++ {
		s.workers[i] = make(chan *queueJob)
		go s.worker(s.workers[i])
	}
	s.first = s.workers[0]
	s.first <- &queueJob{}
	s.id = register(s.name) // want `data race: s.id written in NewQueueServer3 while the goroutine runs`
	return s
}

func (s *QueueServer3) worker(ch chan *queueJob) {
	for {
		j, ok := <-ch
		if !ok {
			return
		}
		j.n += s.id
	}
}
