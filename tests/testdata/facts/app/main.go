// Command app serves with package server; it matters only to ./... runs.
package main

import (
	"fmt"

	"vigil.test/facts/server"
	"vigil.test/facts/store"
)

func main() {
	var p store.Pool
	fmt.Println(server.HandleChecked(&p, "a"), server.Count(&p))
	fmt.Println(server.Title(nil)) // want `nil panic`
	done := make(chan bool)
	go func() {
		server.Bump() // want `data race`
		done <- true
	}()
	server.Bump()
	<-done
}
