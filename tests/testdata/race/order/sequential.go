package order

// Readers started and joined one per iteration, then a last reader after the loop: they never overlap.
func SequentialReaders(c *Conn, n int) {
	for i := 0; i < n; i++ {
		done := make(chan bool)
		go func() {
			defer close(done)
			c.setDeadline(i)
		}()
		<-done
	}
	final := make(chan bool)
	go func() {
		c.setDeadline(-1)
		close(final)
	}()
	<-final
}

// Only some iterations wait: the last reader may overlap an earlier one.
func SometimesJoinedReaders(c *Conn, n int) {
	for i := 0; i < n; i++ {
		done := make(chan bool)
		go func() {
			defer close(done)
			_ = c.deadline + i
		}()
		if i%2 == 0 {
			<-done
		}
	}
	final := make(chan bool)
	go func() {
		c.setDeadline(-1) // want `data race: c.deadline written by the goroutine started at sequential.go:34; read at sequential.go:27 by the goroutine started at sequential.go:25`
		close(final)
	}()
	<-final
}
