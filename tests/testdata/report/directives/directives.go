// Package directives exercises each suppression directive form and scope
// against the test check vigil-bad (a finding at every call to bad).
package directives

func bad(args ...any) {}

func Trailing() {
	bad() //nolint:vigil-bad // a trailing directive covers its own line
	bad() // want `^call to bad`
}

func TrailingForms() {
	bad() //nolint:vigil
	bad() //nolint:all
	bad() //nolint
	bad() //nolint:vigil-bad,vigil-pair // two names
	bad() //nolint:errcheck,vigil-bad // mixed with another linter's name
	bad() //nolint:VIGIL-BAD // names are case-insensitive
}

//nolint:vigil-bad // above a declaration: the whole function
func WholeFunction() {
	bad()
	bad()
}

// Documented has the directive as the last line of its doc comment.
//
//nolint:vigil-bad // still directly above the declaration
func Documented() {
	bad()
}

func Statement() {
	//nolint:vigil-bad // above a statement: the whole statement
	if true {
		bad()
	}
	bad() // want `^call to bad`
}

func OtherLinters() {
	bad() //nolint:errcheck // want `^call to bad`
	//lint:ignore SA5011 staticcheck's own directive
	bad() // want `^call to bad`
}

func LintIgnore() {
	//lint:ignore vigil-bad covers the line below
	bad()
	bad() // want `^call to bad`
	//lint:ignore vigil-* a glob matches check ids
	bad()
	//lint:ignore vigil-pair,vigil-bad several checks
	bad()
}

func Problems() {
	bad() //nolint:vigil-bad, // want `^call to bad` `malformed directive`
	bad() //nolint:vigil-bd // want `^call to bad` `unknown check "vigil-bd"`
	bad() // nolint:vigil-bad // want `without a space after //`
	n := 1 //nolint:vigil-bad // want `suppresses no finding`
	_ = n //nolint:vigil-pair // want `suppresses no finding`
	_ = n //nolint // bare: shared with other linters, never reported unused
}

type S struct {
	//nolint:vigil-bad // want `suppresses no finding`
	f int
}

func Spacing() {
	bad() //nolint: vigil-bad
	bad() //nolint:vigil-bad// no space before the reason
	bad() // nolint: errcheck // want `^call to bad`
}

func Misaligned() {
		//nolint:vigil-bad // want `suppresses no finding`
	if true { // not at the directive's column: only this line is covered
		bad() // want `^call to bad`
	}
}

func Prose() {
	// nolint is not needed here: this comment is prose, not a directive
	bad() // want `^call to bad`
}
