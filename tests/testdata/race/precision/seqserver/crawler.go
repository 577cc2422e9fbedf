// Package seqserver holds tests whose test servers are asked one request at a time, and their racy twins.
package seqserver

import "net/http"

// FetchAll fetches every URL with one worker goroutine each.
func FetchAll(urls []string) []int {
	codes := make([]int, len(urls))
	done := make(chan bool)
	for i, u := range urls {
		go func() {
			if res, err := http.Get(u); err == nil {
				codes[i] = res.StatusCode
				res.Body.Close()
			}
			done <- true
		}()
	}
	for range urls {
		<-done
	}
	return codes
}
