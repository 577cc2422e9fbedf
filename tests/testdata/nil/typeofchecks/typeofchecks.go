// Package typeofchecks: reflect.TypeOf of an interface value is nil when the
// value is a nil interface. A package that checks reflect.TypeOf(f.Value)
// for nil in one place shows that f.Value can be nil; using
// reflect.TypeOf(f.Value).Kind() unchecked elsewhere panics. Safe twins: the
// same function checking first, an expression the package never checks.
package typeofchecks

import "reflect"

type Flag[T any] struct {
	Value T
	Name  string
}

func (f *Flag[T]) TypeName() string {
	if reflect.TypeOf(f.Value) == nil {
		return ""
	}
	return reflect.TypeOf(f.Value).Kind().String() // ok: checked just before, in this function
}

func (f *Flag[T]) IsString() bool {
	return reflect.TypeOf(f.Value).Kind() == reflect.String // want `may be nil here`
}

func kindOf(v any) reflect.Kind {
	return reflect.TypeOf(v).Kind() // ok: nothing shows v can be nil
}

var _ = kindOf

func isBool[T any]() bool {
	var t T
	return reflect.TypeOf(t) == nil || reflect.TypeOf(t).Kind() != reflect.Bool
}

func isMap[T any]() bool {
	var t T
	return reflect.TypeOf(t).Kind() == reflect.Map // ok here: another function's t is another variable (not matched)
}

var _ = isBool[int]
var _ = isMap[int]
