//nolint:vigil-bad // above the package clause: the whole file

package directives

func FileWide() {
	bad()
	bad()
}
