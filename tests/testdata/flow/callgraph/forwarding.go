package callgraph

import "vigil.test/flow/callgraph/shapes"

// Labeled has Area only through its embedded interface: calling Area on a
// Labeled held in a Shape runs the Area of whatever the field holds.
type Labeled struct {
	shapes.Shape
	Label string
}

func LabeledArea(s shapes.Shape) float64 {
	var wrapped shapes.Shape = Labeled{Shape: s, Label: "x"}
	return wrapped.Area()
}

// Named is an interface no loaded type implements except through embedding
// it: the forwarding leads nowhere, and the call stays explicitly unresolved.
type Named interface{ Name() string }

type Tagged struct{ Named }

func TaggedName(n Named) string {
	var t Named = Tagged{n}
	return t.Name()
}
