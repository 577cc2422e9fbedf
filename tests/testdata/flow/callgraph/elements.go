package callgraph

import "strings"

// Function values kept in maps, slices and channels are followed while every
// use of the container is one that cannot change its elements unseen.

var commands = map[string]func(string) string{
	"upper": strings.ToUpper,
	"lower": strings.ToLower,
}

func init() { commands["trim"] = strings.TrimSpace }

func RunCommand(name, arg string) string { return commands[name](arg) }

type Server struct {
	hooks []func()
}

func (s *Server) OnStop(f func()) { s.hooks = append(s.hooks, f) }

func (s *Server) Stop() {
	for _, h := range s.hooks {
		h()
	}
}

func Setup(s *Server) { s.OnStop(flush) }

func flush() {}

func Pipeline() {
	steps := make(chan func(), 2)
	steps <- flush
	steps <- func() {}
	close(steps)
	(<-steps)()
}

// Handed to another function, the slice may change there: not followed.
func Leaked() {
	fs := []func(){flush}
	mutate(fs)
	fs[0]()
}

func mutate(fs []func()) { fs[0] = nil }
