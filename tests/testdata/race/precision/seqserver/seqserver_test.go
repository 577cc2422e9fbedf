package seqserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// The test asks its server one request at a time: each handler call records the
// header before it answers, and the next request is sent only after the
// previous response came back.
func TestForwardsAgent(t *testing.T) {
	var gotAgent string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotAgent = r.Header.Get("User-Agent")
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	client := srv.Client()
	for _, agent := range []string{"a", "b", ""} {
		req, _ := http.NewRequest("GET", srv.URL, nil)
		req.Header.Set("User-Agent", agent)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if gotAgent != agent {
			t.Errorf("got %q, want %q", gotAgent, agent)
		}
	}
}

// Racy twin: the handler records after it answered, so the client may already
// send the next request while this call still runs.
func TestRecordsAfterAnswer(t *testing.T) {
	var calls int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
		calls++ // want `data race: calls written by the handler`
	}))
	defer srv.Close()
	for i := 0; i < 3; i++ {
		res, err := http.Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
	}
}

// Racy twin: the requests come from several goroutines at once.
func TestConcurrentClients(t *testing.T) {
	var last string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		last = r.URL.Path // want `data race: last written by the handler`
		_ = last
	}))
	defer srv.Close()
	done := make(chan bool)
	for i := 0; i < 3; i++ {
		go func() {
			if res, err := http.Get(srv.URL); err == nil {
				res.Body.Close()
			}
			done <- true
		}()
	}
	for i := 0; i < 3; i++ {
		<-done
	}
}

// Racy twin: a client timeout gives a request up while its handler may still
// run, and the next request starts another call.
func TestGivesUp(t *testing.T) {
	var seen int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen++ // want `data race: seen written by the handler`
	}))
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 1
	for i := 0; i < 3; i++ {
		if res, err := client.Get(srv.URL); err == nil {
			res.Body.Close()
		}
	}
}
