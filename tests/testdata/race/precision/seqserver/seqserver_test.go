package seqserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
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

// Racy twin: a helper of the test sends its requests from several goroutines.
func TestHammer(t *testing.T) {
	var hits int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++ // want `data race: hits written by the handler`
	}))
	defer srv.Close()
	hammer(srv.URL, 4)
}

func hammer(url string, n int) {
	done := make(chan bool)
	for i := 0; i < n; i++ {
		go func() {
			if res, err := http.Get(url); err == nil {
				res.Body.Close()
			}
			done <- true
		}()
	}
	for i := 0; i < n; i++ {
		<-done
	}
}

// Through a reverse proxy: the backend's handler runs once per proxied request,
// and the proxy answers only after the backend answered.
func TestThroughProxy(t *testing.T) {
	var gotPath string
	backend := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		gotPath = r.URL.Path
	}))
	defer backend.Close()
	target, err := url.Parse(backend.URL)
	if err != nil {
		t.Fatal(err)
	}
	frontend := httptest.NewServer(httputil.NewSingleHostReverseProxy(target))
	defer frontend.Close()
	for _, path := range []string{"/a", "/b"} {
		res, err := frontend.Client().Get(frontend.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if gotPath != path {
			t.Errorf("got %q, want %q", gotPath, path)
		}
	}
}

// Racy twin: the code under test fetches with several workers at once.
func TestFetchAll(t *testing.T) {
	var served int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served++ // want `data race: served written by the handler`
	}))
	defer srv.Close()
	FetchAll([]string{srv.URL + "/a", srv.URL + "/b"})
}
