// Package must holds helpers that do not return, used from package cfg: the
// CFG builder learns that from their bodies, across the package boundary.
package must

import "log"

// Fatal ends the process.
func Fatal(format string, args ...any) {
	log.Fatalf(format, args...)
}

// Never always panics, through a method.
func Never(why string) {
	var p panicker
	p.panic(why)
}

type panicker struct{}

func (panicker) panic(why string) { panic(why) }

// OK returns when err is nil.
func OK(err error) {
	if err != nil {
		panic(err)
	}
}
