// Package client uses a manager only once it is ready (the callers that check
// readiness are in another package than the manager).
package client

import (
	"time"

	"vigil.test/race/precision/readiness/manager"
)

type Client struct {
	m *manager.Manager
	l *manager.Loader
}

func New() *Client {
	c := &Client{m: manager.New(), l: &manager.Loader{}}
	c.m.Initialize()
	c.l.Start()
	return c
}

// Flush sends only when the manager is ready.
func (c *Client) Flush() {
	if !c.m.IsReady() {
		return
	}
	c.send()
}

func (c *Client) send() {
	url := c.m.URL()
	if c.m.Stale(time.Minute) {
		url = ""
	}
	_ = url + c.m.Endpoint()
}

// Labels has no readiness check.
func (c *Client) Labels() []string { return c.m.Labels() }

// Lookup waits for the loader, whose flag can go down again.
func (c *Client) Lookup(k string) string {
	for !c.l.Loaded() {
		time.Sleep(time.Millisecond)
	}
	return c.l.Get(k)
}

// Tick refreshes only once the refresher was ready.
func Tick(r *manager.Refresher) int {
	if !r.Ready() {
		return 0
	}
	return r.Refresh()
}
