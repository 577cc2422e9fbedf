// Package shapes declares an interface and two of its three implementations
// (the third is in package callgraph).
package shapes

import "math"

type Shape interface {
	Area() float64
}

type Circle struct{ R float64 }

func (c Circle) Area() float64 { return math.Pi * c.R * c.R }

type Rect struct{ W, H float64 }

func (r *Rect) Area() float64 { return r.W * r.H }

// Unused implements Shape but is never converted to an interface: CHA refined by conversions leaves it out.
type Unused struct{}

func (Unused) Area() float64 { return 0 }

func Shapes() []Shape {
	return []Shape{Circle{R: 1}, &Rect{W: 2, H: 3}}
}
