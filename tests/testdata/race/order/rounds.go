package order

import "sync"

// Rounds of goroutines, each round waited for before the next: after the rounds, all have ended.
func RoundsJoined(rounds, n int) int {
	stats := make([]int, n)
	var wg sync.WaitGroup
	for r := 0; r < rounds; r++ {
		wg.Add(n)
		for j := 0; j < n; j++ {
			go func() {
				defer wg.Done()
				stats[j]++
			}()
		}
		wg.Wait()
	}
	return stats[0]
}

// The wait opens the round: the last round is never waited for.
func RoundsWaitFirst(rounds, n int) int {
	stats := make([]int, n)
	var wg sync.WaitGroup
	for r := 0; r < rounds; r++ {
		wg.Wait()
		wg.Add(n)
		for j := 0; j < n; j++ {
			go func() {
				defer wg.Done()
				stats[j]++ // want `data race: stats\[j\] written by the goroutine started at rounds.go:\d+; stats\[0\] read at rounds.go:\d+ by RoundsWaitFirst`
			}()
		}
	}
	return stats[0]
}

// Some rounds are not waited for.
func RoundsWaitSometimes(rounds, n int) int {
	stats := make([]int, n)
	var wg sync.WaitGroup
	for r := 0; r < rounds; r++ {
		wg.Add(n)
		for j := 0; j < n; j++ {
			go func() {
				defer wg.Done()
				stats[j]++ // want `data race: stats\[j\] written by the goroutine started at rounds.go:\d+; stats\[0\] read at rounds.go:\d+ by RoundsWaitSometimes`
			}()
		}
		if r%2 == 0 {
			wg.Wait()
		}
	}
	return stats[0]
}
