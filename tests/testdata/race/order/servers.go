package order

import (
	"net/http"
	"net/http/httptest"
)

type Proxy struct {
	Director func(*http.Request)
}

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.Director != nil {
		p.Director(r)
	}
}

// The handler runs only for requests, and no request can be sent before the server's URL is known.
func ConfigureBeforeUse() {
	proxy := &Proxy{}
	frontend := httptest.NewServer(proxy)
	defer frontend.Close()
	proxy.Director = func(r *http.Request) {}
	resp, err := http.Get(frontend.URL)
	if err == nil {
		resp.Body.Close()
	}
}

// Configured after a request: the handler may be running.
func ConfigureAfterUse() {
	proxy := &Proxy{}
	frontend := httptest.NewServer(proxy)
	defer frontend.Close()
	url := frontend.URL
	go http.Get(url)
	proxy.Director = func(r *http.Request) {} // want `data race: proxy.Director written in ConfigureAfterUse while the goroutine runs`
}

// The server is handed to a helper first, which may send requests.
func ConfigureAfterHandingOver(send func(*httptest.Server)) {
	proxy := &Proxy{}
	frontend := httptest.NewServer(proxy)
	defer frontend.Close()
	send(frontend)
	proxy.Director = func(r *http.Request) {} // want `data race: proxy.Director written in ConfigureAfterHandingOver while the goroutine runs`
}

// A goroutine started with the server's address may already be sending.
func ConfigureAfterStartingClient() {
	proxy := &Proxy{}
	frontend := httptest.NewServer(proxy)
	defer frontend.Close()
	go http.Get(frontend.URL)
	proxy.Director = func(r *http.Request) {} // want `data race: proxy.Director written in ConfigureAfterStartingClient while the goroutine runs`
}
