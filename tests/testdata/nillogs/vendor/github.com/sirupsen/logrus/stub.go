// Package logrus: a signature-only stand-in for the logging library (test input; loaded from export data).
package logrus

type Entry struct{}

func Fatalf(format string, args ...interface{})          {}
func Panic(args ...interface{})                          {}
func (e *Entry) Fatal(args ...interface{})               {}
func WithField(key string, value interface{}) *Entry     { return &Entry{} }
func Infof(format string, args ...interface{})           {}
