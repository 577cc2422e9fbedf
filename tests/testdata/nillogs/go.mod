module nillogs

go 1.23

require (
	github.com/golang/glog v1.0.0
	github.com/sirupsen/logrus v1.9.0
	go.uber.org/zap v1.23.0
	k8s.io/klog/v2 v2.80.0
)
