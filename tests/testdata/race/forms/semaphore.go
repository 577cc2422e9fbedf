package forms

// A counting semaphore filled to capacity to wait for the workers: once the parent's cap(sem) extra sends
// complete, every worker gave its token back, so its writes are visible.
func ParallelSquares(n int) int {
	sem := make(chan struct{}, 4)
	out := make([]int, n)
	for i := 0; i < n; i++ {
		sem <- struct{}{}
		go func(i int) {
			out[i] = i * i
			<-sem
		}(i)
	}
	for i := 0; i < cap(sem); i++ {
		sem <- struct{}{}
	}
	return total(out)
}

// The twin drains one token too few: the last worker may still be running.
func ParallelSquaresShort(n int) int {
	sem := make(chan struct{}, 4)
	out := make([]int, n)
	for i := 0; i < n; i++ {
		sem <- struct{}{}
		go func(i int) {
			out[i] = i * i // want `data race: out\[i\] written by the goroutine`
			<-sem
		}(i)
	}
	for i := 0; i < cap(sem)-1; i++ {
		sem <- struct{}{}
	}
	return total(out)
}

// Without a token before each start, the sends may complete while workers run.
func ParallelSquaresUnpaired(n int) int {
	sem := make(chan struct{}, 4)
	out := make([]int, n)
	for i := 0; i < n; i++ {
		go func(i int) {
			out[i] = i * i // want `data race: out\[i\] written by the goroutine`
			<-sem
		}(i)
	}
	for i := 0; i < cap(sem); i++ {
		sem <- struct{}{}
	}
	return total(out)
}

func total(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}
