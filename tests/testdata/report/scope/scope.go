// Package scope is the root of the packages the config tests filter by prefix.
package scope

func bad() {}

func Root() { bad() }
