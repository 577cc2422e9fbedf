// Package errortogether: a nil that comes only together with a new error. When the branch that
// leaves a value nil also gives the error variable a new error (`err = fmt.Errorf(…)`,
// `errors.New`, a literal), the value is set whenever the error is nil, and `if err != nil {
// return }` stops the nil (go/types' importPackage: `if imp == nil && err == nil { err =
// fmt.Errorf(…) }`). Buggy twins: an error that may be nil (the result of another function),
// and a use on the path where the error is not nil.
package errortogether

import (
	"errors"
	"fmt"
)

type Package struct {
	name           string
	complete, fake bool
}

type Importer interface {
	Import(path string) (*Package, error)
}

type Checker struct {
	importer Importer
	cache    map[string]*Package
}

// ---- safe: the nil comes with a new error ----

func (c *Checker) importPackage(path string) *Package {
	imp := c.cache[path]
	if imp != nil {
		return imp
	}
	var err error
	if c.importer == nil {
		err = fmt.Errorf("no importer installed")
	} else {
		imp, err = c.importer.Import(path)
		if imp == nil && err == nil {
			err = fmt.Errorf("Import(%s) returned nil but no error", path)
		}
	}
	if err == nil && imp != nil && imp.name == "" {
		err = fmt.Errorf("invalid package name: %q", imp.name)
		imp = nil // make a fake package below
	}
	if err != nil {
		if imp == nil {
			imp = &Package{name: path}
		}
		imp.fake = true
	}
	if imp.complete || imp.fake { // ok: imp is nil only with an error, replaced above
		c.cache[path] = imp
	}
	return imp
}

var errMissing = errors.New("missing")

func (c *Checker) lookup(path string) (string, error) {
	p := c.cache[path]
	if p == nil {
		return "", errMissing
	}
	var err error
	if p.name == "" {
		err = errors.New("unnamed: " + path)
		p = nil // dropped below
	}
	if err != nil {
		return "", err
	}
	return p.name, nil // ok: p is nil only when err is set
}

// ---- buggy twins ----

func validate(path string) error {
	if path == "" {
		return errMissing
	}
	return nil
}

func (c *Checker) lookupValidated(path string) string {
	p := c.cache[path]
	if p == nil {
		return ""
	}
	var err error
	if p.name == "" {
		err = validate(path) // nil for a non-empty path: p is nil with no error
		p = nil
	}
	if err != nil {
		return ""
	}
	return p.name // want `p may be nil here`
}

func (c *Checker) describe(path string) string {
	p := c.cache[path]
	if p == nil {
		return ""
	}
	var err error
	if p.name == "" {
		err = fmt.Errorf("unnamed: %s", path)
		p = nil
	}
	if err == nil {
		return p.name // ok
	}
	return err.Error() + p.name // want `p may be nil here`
}

// ---- a retry loop that runs until the error is nil ----

type Metric interface{ Write() error }

type constMetric struct{}

func (constMetric) Write() error { return nil }

// NewConstMetric returns nil with an error when too few label values are given.
func NewConstMetric(labels ...string) (Metric, error) {
	if len(labels) < 2 {
		return nil, errors.New("inconsistent label cardinality")
	}
	return constMetric{}, nil
}

func checkLabels() error {
	var (
		m   Metric
		lvs []string
	)
	// Try for as long as it needs (prometheus/client_golang's promhttp.checkLabels).
	for err := errors.New("dummy"); err != nil; lvs = append(lvs, "magic") {
		m, err = NewConstMetric(lvs...)
	}
	return m.Write() // ok: the loop ends only with a nil error, so m is set
}

func checkLabelsBounded() error {
	var (
		m   Metric
		lvs []string
	)
	for err := errors.New("dummy"); err != nil; lvs = append(lvs, "magic") {
		if len(lvs) > 5 {
			break // leaves with the error: m may still be nil
		}
		m, err = NewConstMetric(lvs...)
	}
	return m.Write() // want `m may be nil here`
}

func callersCheck() bool {
	m, err := NewConstMetric()
	return err == nil && m != nil
}
