// Package assertions: a type assertion without comma-ok panics on a nil interface
// (even when asserting to an interface type); with comma-ok it does not.
package assertions

type Shape interface{ Area() float64 }

type Square struct{ Side float64 }

func (s Square) Area() float64 { return s.Side * s.Side }

func Else(v interface{}) Shape {
	if v != nil {
		return v.(Shape) // ok
	}
	return v.(Shape) // want `nil panic: v may be nil here \(type assertion to Shape\)`
}

func Declared() Square {
	var s Shape
	return s.(Square) // want `nil panic: s may be nil here \(type assertion to Square\)`
}

// ok: the comma-ok form reports failure instead of panicking.
func CommaOk(v interface{}) (Shape, bool) {
	if v == nil {
		s, ok := v.(Shape) // ok
		return s, ok
	}
	return nil, false
}

// ok: a type switch on a nil interface takes the nil or default case.
func Switch(v interface{}) string {
	if v == nil {
		switch v.(type) {
		case Shape:
			return "shape"
		}
	}
	return "other"
}

// ok: asserted after the check made it non-nil.
func Checked(v interface{}) float64 {
	if v == nil {
		return 0
	}
	return v.(Shape).Area() // ok
}
