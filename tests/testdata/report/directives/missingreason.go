package directives

// MissingReason: staticcheck's directives need a reason; without one the
// directive is reported and not applied (checked by the C# test, since a
// want comment cannot share the directive's comment).
func MissingReason() {
	//lint:ignore vigil-bad
	bad()
}
