// Package bothreasons: a dereference the flow analysis reports and that is also checked for nil after it is one finding.
package bothreasons

type Counter struct{ hits, misses int }

// Nil on the path where `c != nil` failed, and checked for nil after the
// dereference: one finding for the one dereference, not one per reason.
func BothReasons(c *Counter) int {
	if c != nil && c.hits == 0 {
		return 0
	}
	m := c.misses // want `nil panic: c may be nil here \(field misses accessed\)`
	if c == nil {
		return -1
	}
	return m
}
