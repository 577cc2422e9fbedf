package forms

// A deferred close registered on a path that returns before the goroutine starts never meets it
// (the shape of minio-go's listObjects: validate, report the error on the channel, return).
func List(names []string, valid bool) <-chan string {
	out := make(chan string, 1)
	if !valid {
		defer close(out)
		out <- "invalid"
		return out
	}
	go func() {
		defer close(out)
		for _, n := range names {
			out <- n
		}
	}()
	return out
}

// The twin: the deferred close is registered on the path that starts the goroutine.
func ListRacy(names []string) <-chan string {
	out := make(chan string, 1)
	defer close(out) // want `data race: \*out written in ListRacy while the goroutine runs`
	go func() {
		for _, n := range names {
			out <- n
		}
	}()
	return out
}

// A switch starts one of two goroutines: they never run together (miekg/dns's zone transfers).
type Transfer struct{ last string }

func (t *Transfer) Start(kind int, env chan string) {
	switch kind {
	case 1:
		go t.full(env)
	case 2:
		go t.incremental(env)
	}
}

func (t *Transfer) full(env chan string) { t.last = "full"; close(env) } // want `data race: t.last written by the goroutine started at exclusive.go:54; written at exclusive.go:48`

func (t *Transfer) incremental(env chan string) {
	t.last = "incremental"
	close(env)
}

// The twin starts both.
func (t *Transfer) StartBoth(env, env2 chan string) {
	go t.full(env)
	go t.incremental(env2)
}
