// Package preconditions: a documented nil result that the callee returns only for arguments it
// rejects (every nil return is under a condition on its arguments alone) is a precondition the
// caller knows from what it passes, not a state of the program: `new(big.Int).Exp(g, k, p)`
// with `k > 0`, `ModInverse(g, n)` of coprime numbers, `cloneHash(h)` of a hash that has
// MarshalBinary. Not believed at callers at the default evidence level (the `preconditions`
// level believes it). Buggy twins: the nil depends on the receiver's state (a lookup, a
// closed connection), on a package variable a function sets, or on a plain function call
// (a file read), and stays reported.
package preconditions

import (
	"errors"
	"os"
)

type Num struct {
	neg bool
	abs []uint
}

var one = &Num{abs: []uint{1}} // assigned by no function: a constant in all but name

// Sign is -1, 0 or +1.
func (x *Num) Sign() int {
	if len(x.abs) == 0 {
		return 0
	}
	if x.neg {
		return -1
	}
	return 1
}

// Cmp compares x and y.
func (x *Num) Cmp(y *Num) int {
	if len(x.abs) != len(y.abs) {
		return len(x.abs) - len(y.abs)
	}
	return 0
}

// gcd sets z to the greatest common divisor of a and b.
func (z *Num) gcd(a, b *Num) *Num {
	z.abs = append(z.abs[:0], a.abs...)
	_ = b
	return z
}

// Inverse sets z to the inverse of g modulo n and returns z. If g and n are not coprime,
// the result is nil.
func (z *Num) Inverse(g, n *Num) *Num {
	if n.neg {
		var n2 Num
		n = n2.gcd(n, n)
	}
	var d Num
	d.gcd(g, n)
	if d.Cmp(one) != 0 {
		return nil
	}
	z.abs = d.abs
	return z
}

// Exp sets z = x**y mod m and returns z. For a negative y without an inverse of x, Exp
// returns nil.
func (z *Num) Exp(x, y, m *Num) *Num {
	return z.exp(x, y, m)
}

func (z *Num) exp(x, y, m *Num) *Num {
	if y.neg {
		inverse := new(Num).Inverse(x, m)
		if inverse == nil {
			return nil
		}
		x = inverse
	}
	z.abs = x.abs
	return z
}

// A caller that checks: the nil is documented and happens.
func TryExp(x, y, m *Num) bool {
	if new(Num).Exp(x, y, m) == nil || new(Num).Inverse(x, m) == nil {
		return false
	}
	return true
}

// ---- safe: the caller passes arguments the callee accepts ----

func sign(k, g, p *Num) int {
	for {
		if k.Sign() > 0 {
			break
		}
		k.abs = append(k.abs, 1)
	}
	r := new(Num).Exp(g, k, p)
	return len(r.abs) // ok: k is positive, Exp's nil needs a negative exponent
}

func (z *Num) modInverse(g, n []uint) []uint {
	return new(Num).Inverse(&Num{abs: g}, &Num{abs: n}).abs // ok: callers pass coprime numbers
}

type Hash interface {
	Write(p []byte) (int, error)
	Sum() []byte
}

type HashKind int

// New returns a new hash of kind h.
func (h HashKind) New() Hash { return &sha{} }

type sha struct{ state []byte }

func (s *sha) Write(p []byte) (int, error)    { s.state = append(s.state, p...); return len(p), nil }
func (s *sha) Sum() []byte                    { return s.state }
func (s *sha) MarshalBinary() ([]byte, error) { return s.state, nil }
func (s *sha) UnmarshalBinary(b []byte) error { s.state = b; return nil }

// cloneHash uses the encoding.BinaryMarshaler interface to clone a hash. It returns nil if the
// hash cannot be cloned.
func cloneHash(in Hash, h HashKind) Hash {
	type binaryMarshaler interface {
		MarshalBinary() (data []byte, err error)
		UnmarshalBinary(data []byte) error
	}
	marshaler, ok := in.(binaryMarshaler)
	if !ok {
		return nil
	}
	state, err := marshaler.MarshalBinary()
	if err != nil {
		return nil
	}
	out := h.New()
	unmarshaler, ok := out.(binaryMarshaler)
	if !ok {
		return nil
	}
	if err := unmarshaler.UnmarshalBinary(state); err != nil {
		return nil
	}
	return out
}

func transcriptCopy(transcript Hash, h HashKind) []byte {
	if c := cloneHash(transcript, h); c == nil {
		return nil
	}
	conf := cloneHash(transcript, h)
	conf.Write([]byte("x")) // ok: the transcript is one of our hashes, which marshal
	return conf.Sum()
}

// ---- buggy twins: the nil depends on state, not on the arguments ----

type Item struct{ key, val string }

type Set struct{ items []*Item }

// Find returns the item with key k, or nil if there is none.
func (s *Set) Find(k string) *Item {
	for _, it := range s.items {
		if it.key == k {
			return it
		}
	}
	return nil
}

func (s *Set) Has(k string) bool {
	if s.Find(k) == nil {
		return false
	}
	return true
}

func (s *Set) Value(k string) string {
	return s.Find(k).val // want `s.Find\(…\) may be nil here`
}

var limit = 8

// SetLimit changes the largest buffer Alloc makes.
func SetLimit(n int) { limit = n }

type Buf struct{ b []byte }

// Alloc returns a buffer of n bytes, or nil when n is over the limit.
func Alloc(n int) *Buf {
	if n > limit {
		return nil
	}
	return &Buf{b: make([]byte, n)}
}

func TryAlloc(n int) bool {
	if Alloc(n) == nil {
		return false
	}
	return true
}

func fill(n int) int {
	b := Alloc(n)
	return len(b.b) // want `b may be nil here`
}

type Config struct{ name string }

// Load reads the configuration at path; nil if it cannot be read.
func Load(path string) *Config {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return &Config{name: string(data)}
}

func HasConfig(path string) bool {
	if Load(path) == nil {
		return false
	}
	return true
}

func configName(path string) string {
	c := Load(path)
	return c.name // want `c may be nil here`
}

type Addr interface{ String() string }

type addr struct{}

func (addr) String() string { return "a" }

type Conn struct{ fd *int }

func (c *Conn) ok() bool { return c != nil && c.fd != nil }

// Remote returns the remote address, or nil if the connection is closed.
func (c *Conn) Remote() Addr {
	if !c.ok() {
		return nil
	}
	return addr{}
}

func (c *Conn) Close() error {
	if c.Remote() == nil {
		return errors.New("closed")
	}
	c.fd = nil
	return nil
}

func describe(c *Conn) string {
	return c.Remote().String() // want `c.Remote\(\) may be nil here`
}

// ---- safe: math/big's ModInverse shape (arguments re-assigned, the result's locals used after the check) ----

// Neg sets z to -x and returns z.
func (z *Num) Neg(x *Num) *Num { z.abs = x.abs; z.neg = !x.neg; return z }

// Mod sets z to x mod y and returns z.
func (z *Num) Mod(x, y *Num) *Num { z.abs = x.abs; return z }

// Add sets z to x+y and returns z.
func (z *Num) Add(x, y *Num) *Num { z.abs = append(x.abs, y.abs...); return z }

// Set sets z to x and returns z.
func (z *Num) Set(x *Num) *Num { z.abs = x.abs; return z }

// GCD sets z to the greatest common divisor of a and b, and x to a Bézout coefficient.
func (z *Num) GCD(x, y, a, b *Num) *Num { z.abs = a.abs; x.abs = b.abs; return z }

// ModInverse sets z to the inverse of g in the ring ℤ/nℤ and returns z. If g and n are not
// relatively prime, the return value is nil.
func (z *Num) ModInverse(g, n *Num) *Num {
	if n.neg {
		var n2 Num
		n = n2.Neg(n)
	}
	if g.neg {
		var g2 Num
		g = g2.Mod(g, n)
	}
	var d, x Num
	d.GCD(&x, nil, g, n)
	if d.Cmp(one) != 0 {
		return nil
	}
	if x.neg {
		z.Add(&x, n)
	} else {
		z.Set(&x)
	}
	return z
}

func TryModInverse(g, n *Num) bool {
	if new(Num).ModInverse(g, n) == nil {
		return false
	}
	return true
}

func (z *Num) modInverseNat(g, n []uint) []uint {
	return (&Num{abs: z.abs}).ModInverse(&Num{abs: g}, &Num{abs: n}).abs // ok: callers pass coprime numbers
}
