// Package klog: a signature-only stand-in for the logging library (test input; loaded from export data).
package klog

func Fatalf(format string, args ...interface{}) {}
func Exitf(format string, args ...interface{})  {}
