package forms

import "reflect"

// Reflection writes the value it was made from: a decoder filling a target through reflect.
func FillRacy(target *int) {
	v := reflect.ValueOf(target)
	done := make(chan bool)
	go func() {
		v.Elem().SetInt(7) // want `data race: \*target written by the goroutine`
		done <- true
	}()
	_ = v.Elem().Int()
	<-done
}

func FillJoined(target *int) int64 {
	v := reflect.ValueOf(target)
	done := make(chan bool)
	go func() {
		v.Elem().SetInt(7)
		done <- true
	}()
	<-done
	return v.Elem().Int()
}

// reflect.Copy writes the destination slice's elements.
func CopyRacy(buf []byte) {
	v := reflect.ValueOf(buf)
	done := make(chan bool)
	go func() {
		reflect.Copy(v, reflect.ValueOf([]byte("ab"))) // want `data race: buf\[_\] written by the goroutine`
		done <- true
	}()
	buf[0] = 'x'
	<-done
}

func CopyJoined(buf []byte) {
	v := reflect.ValueOf(buf)
	done := make(chan bool)
	go func() {
		reflect.Copy(v, reflect.ValueOf([]byte("ab")))
		done <- true
	}()
	<-done
	buf[0] = 'x'
}
