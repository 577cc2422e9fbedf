// Package consumer dereferences what package provider returns.
package consumer

import "vigil.test/nil/crosspkg/provider"

func Greet(c *provider.Cache, id string) string {
	return "hi " + c.Find(id).User // want `(?s)nil panic: c.Find\(…\) may be nil .*provider.go:.*nil returned from \(\*provider.Cache\).Find`
}

func GreetVar(c *provider.Cache, id string) string {
	s := c.Find(id)
	return s.User // want `(?s)nil panic: s may be nil .*nil returned from \(\*provider.Cache\).Find`
}

func GreetChecked(c *provider.Cache, id string) string {
	if s := c.Find(id); s != nil {
		return s.User // ok
	}
	return ""
}

func GreetMust(c *provider.Cache, id string) string {
	return c.Must(id).User // ok
}

func GreetOpen(id string) string {
	s, err := provider.Open(id)
	if err != nil {
		return ""
	}
	return s.User // ok
}

func GreetOpenUnchecked(id string) string {
	s, err := provider.Open(id)
	println(err)
	return s.User // want `(?s)nil panic: s may be nil .*provider.Open`
}

func PassToUserOf(c *provider.Cache, id string) string {
	return provider.UserOf(c.Find(id)) // want `(?s)nil panic: c.Find\(…\) may be nil .*passed to provider.UserOf.*provider.UserOf parameter s`
}

func PassToDescribe(c *provider.Cache, id string) string {
	return provider.Describe(c.Find(id)) // ok
}

func PassNilToUserOf() string {
	return provider.UserOf(nil) // want `(?s)nil panic: nil .*passed to provider.UserOf`
}

func CurrentUser(loggedIn bool) string {
	return provider.Current(loggedIn).User // want `(?s)nil panic: provider.Current\(…\) may be nil`
}

func CurrentUserChecked(loggedIn bool) string {
	cur := provider.Current(loggedIn)
	if cur == nil {
		return ""
	}
	return cur.User // ok
}
