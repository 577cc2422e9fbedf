// Package nilreceivers: types whose methods are written for a nil receiver
// (a logger's event that a disabled level returns as nil), and the method
// that forgets the check its siblings make. A type with only a couple of
// defensive checks promises nothing.
package nilreceivers

type Level int

const Disabled Level = -1

type Event struct {
	buf   []byte
	level Level
}

type Logger struct{ level Level }

// Debug returns nil when the level is disabled: every method of Event accepts that.
func (l *Logger) Debug() *Event {
	if l.level > 0 {
		return nil
	}
	return &Event{}
}

func (e *Event) Str(key, val string) *Event {
	if e == nil {
		return e
	}
	e.buf = append(e.buf, key+"="+val...)
	return e
}

func (e *Event) Int(key string, val int) *Event {
	if e == nil {
		return e
	}
	e.buf = append(e.buf, key...)
	return e
}

func (e *Event) Bool(key string, val bool) *Event {
	if e == nil {
		return e
	}
	e.buf = append(e.buf, key...)
	return e
}

func (e *Event) Msg(msg string) {
	if e == nil {
		return
	}
	e.buf = append(e.buf, msg...)
}

func (e *Event) Enabled() bool {
	return e != nil && e.level != Disabled // ok: checked in the expression
}

func (e *Event) Discard() *Event {
	e.level = Disabled // want `e may be nil here`: 4 of the 8 pointer methods of Event check their receiver first
	return nil
}

func (e *Event) RawJSON(key string, b []byte) *Event {
	e.buf = append(e.buf, key...) // want `e may be nil here`
	e.buf = append(e.buf, b...)
	return e
}

func (e *Event) reset() {
	e.buf = e.buf[:0] // ok: unexported, called by the package on events it made
}

// A type with a single defensive check promises nothing about nil receivers.
type Conn struct {
	addr   string
	closed bool
}

func (c *Conn) Close() error {
	if c == nil {
		return nil
	}
	c.closed = true
	return nil
}

func (c *Conn) Addr() string { return c.addr } // ok

func (c *Conn) Closed() bool { return c.closed } // ok

// A version whose marshal methods handle a nil field; decoders call the
// unmarshal methods on a target they own, never a nil one.
type TLSVersion uint16

func (tv *TLSVersion) MarshalYAML() (interface{}, error) {
	if tv == nil || *tv == 0 {
		return nil, nil
	}
	return uint16(*tv), nil
}

func (tv *TLSVersion) MarshalJSON() ([]byte, error) {
	if tv == nil {
		return []byte("null"), nil
	}
	return []byte("1"), nil
}

func (tv *TLSVersion) String() string {
	if tv == nil {
		return ""
	}
	return "tls"
}

func (tv *TLSVersion) UnmarshalJSON(data []byte) error {
	*tv = TLSVersion(len(data)) // ok: called by encoding/json on a non-nil target
	return nil
}

func (tv *TLSVersion) Set(v uint16) {
	*tv = TLSVersion(v) // want `tv may be nil here`
}
