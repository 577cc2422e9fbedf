// Package nillogs: a nil check that ends in a logging library's Fatal or
// Panic does not let the nil through (they never return), even though the
// library is loaded from export data; its Info/Warning do.
package nillogs

import (
	"github.com/golang/glog"
	"github.com/sirupsen/logrus"
	"go.uber.org/zap"
	"k8s.io/klog/v2"
)

type Conf struct{ Name string }

var confs = map[string]*Conf{}

func Logrus(k string) string {
	c, ok := confs[k]
	if !ok {
		logrus.Fatalf("no conf %s", k)
	}
	return c.Name // ok
}

func LogrusEntry(k string) string {
	c, ok := confs[k]
	if !ok {
		logrus.WithField("k", k).Fatal("no conf")
	}
	return c.Name // ok
}

func LogrusPanic(k string) string {
	c, ok := confs[k]
	if !ok {
		logrus.Panic("no conf")
	}
	return c.Name // ok
}

func LogrusInfo(k string) string {
	c, ok := confs[k]
	if !ok {
		logrus.Infof("no conf %s", k)
	}
	return c.Name // want `c may be nil here`
}

func Zap(l *zap.Logger, k string) string {
	c, ok := confs[k]
	if !ok {
		l.Fatal("no conf")
	}
	return c.Name // ok
}

func ZapSugar(s *zap.SugaredLogger, k string) string {
	c, ok := confs[k]
	if !ok {
		s.Panicf("no conf %s", k)
	}
	return c.Name // ok
}

func ZapInfo(l *zap.Logger, k string) string {
	c, ok := confs[k]
	if !ok {
		l.Info("no conf")
	}
	return c.Name // want `c may be nil here`
}

func Klog(k string) string {
	c, ok := confs[k]
	if !ok {
		klog.Exitf("no conf %s", k)
	}
	return c.Name // ok
}

func Glog(k string) string {
	c, ok := confs[k]
	if !ok {
		glog.Fatal("no conf")
	}
	return c.Name // ok
}

func GlogWarning(k string) string {
	c, ok := confs[k]
	if !ok {
		glog.Warning("no conf")
	}
	return c.Name // want `c may be nil here`
}
