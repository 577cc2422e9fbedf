// Package glog: a signature-only stand-in for the logging library (test input; loaded from export data).
package glog

func Fatal(args ...interface{})   {}
func Warning(args ...interface{}) {}
