// Command hot: a promise in a main package; checking it must not leave a binary behind.
package main

import "os"

// +checkescape
func parse(n int) *[4]int {
	return &[4]int{n} // want `^heap: &\[4\]int\{\.\.\.\} escapes to heap`
}

func main() { os.Exit(parse(len(os.Args))[0]) }
