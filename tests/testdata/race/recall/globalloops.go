package recall

import (
	"os"
	"os/signal"
	"sync"
	"time"
)

// WatchSignals leaves a goroutine running that sets reloadRequested; callers
// of ReloadRequested read it meanwhile.
var reloadRequested bool

func WatchSignals() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt)
	go func() {
		for range ch {
			reloadRequested = true // want `data race: reloadRequested written by the goroutine started at globalloops.go:\d+; read at globalloops.go:\d+ by ReloadRequested, called while the goroutine started by WatchSignals runs`
		}
	}()
}

func ReloadRequested() bool { return reloadRequested }

// The race-free twin: the refresher and the getter share a lock.
var (
	settingsMu sync.Mutex
	settings   map[string]string
)

func StartRefresh(load func() map[string]string) {
	go func() {
		for {
			m := load()
			settingsMu.Lock()
			settings = m
			settingsMu.Unlock()
			time.Sleep(time.Minute)
		}
	}()
}

func Setting(k string) string {
	settingsMu.Lock()
	defer settingsMu.Unlock()
	return settings[k]
}

// The race-free twin: the goroutine is over before its starter returns.
var warmed int

func Warm(n int) {
	done := make(chan struct{})
	go func() {
		warmed = n
		close(done)
	}()
	<-done
}

func Warmed() int { return warmed }
