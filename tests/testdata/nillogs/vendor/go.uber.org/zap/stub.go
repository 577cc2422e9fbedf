// Package zap: a signature-only stand-in for the logging library (test input; loaded from export data).
package zap

type Logger struct{}
type SugaredLogger struct{}

func (l *Logger) Fatal(msg string)                                   {}
func (l *Logger) Info(msg string)                                    {}
func (s *SugaredLogger) Panicf(template string, args ...interface{}) {}
