// Package selfclosure: a constructor stores a closure in a field of the value it builds, and the closure uses the
// variable holding that value (x/net/http2's Framer.getReadBuf). Each value's closure works on that value.
package selfclosure

// Framer reads frames into a buffer it reuses; with logWrites it decodes what it wrote through a debug framer of
// its own.
type Framer struct {
	readBuf    []byte
	getReadBuf func(size int) []byte
	logWrites  bool
	debug      *Framer
}

func NewFramer(logWrites bool) *Framer {
	fr := &Framer{logWrites: logWrites}
	fr.getReadBuf = func(size int) []byte {
		if cap(fr.readBuf) >= size {
			return fr.readBuf[:size]
		}
		fr.readBuf = make([]byte, size)
		return fr.readBuf
	}
	return fr
}

func (fr *Framer) ReadFrame() []byte {
	return fr.getReadBuf(9)
}

// WriteFrame decodes the frame it wrote with the debug framer: that framer's buffer, not fr's.
func (fr *Framer) WriteFrame() {
	if fr.logWrites {
		if fr.debug == nil {
			fr.debug = NewFramer(false)
		}
		fr.debug.ReadFrame()
	}
}

// Client reads in one goroutine and writes in the caller's.
type Client struct {
	fr *Framer
}

func NewClient() *Client {
	c := &Client{fr: NewFramer(true)}
	go c.reader()
	c.fr.WriteFrame()
	return c
}

func (c *Client) reader() {
	for i := 0; i < 10; i++ {
		c.fr.ReadFrame()
	}
}

// Racy twin: the caller reads frames from the same framer as the reader goroutine.
type Client2 struct {
	fr *Framer
}

func NewClient2() *Client2 {
	c := &Client2{fr: NewFramer(false)}
	go c.reader()
	c.fr.ReadFrame() // want `data race: c.fr.readBuf written in NewClient2 while the goroutine runs; read at selfclosure.go:72`
	return c
}

func (c *Client2) reader() {
	for i := 0; i < 10; i++ {
		c.fr.ReadFrame()
	}
}
