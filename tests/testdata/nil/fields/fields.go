// Package fields: struct fields left nil, and refined fields.
package fields

type Logger struct{ prefix string }

func (l *Logger) Log(s string) string { return l.prefix + s }

type Server struct {
	Name    string
	log     *Logger
	hooks   map[string]func()
	onClose func()
	parent  *Server
}

func NewServer(name string) *Server {
	return &Server{Name: name, log: &Logger{}, hooks: map[string]func(){}}
}

func UnsetField() string {
	s := &Server{Name: "a"}
	return s.log.Log("x") // want `(?s)nil panic: s.log may be nil .*field log of s is not set`
}

func SetField() string {
	s := &Server{Name: "a", log: &Logger{}}
	return s.log.Log("x") // ok
}

func PositionalLiteral() string {
	s := Server{"a", &Logger{}, nil, nil, nil}
	return s.log.Log("x") // ok: positional literals give every field
}

func NewBuiltin() string {
	s := new(Server)
	return s.log.Log("x") // want `(?s)nil panic: s.log may be nil`
}

func ValueStruct() string {
	var s Server
	return s.log.Log("x") // want `(?s)nil panic: s.log may be nil`
}

func AssignedAfter() string {
	s := &Server{Name: "a"}
	s.log = &Logger{}
	return s.log.Log("x") // ok
}

func CallMaySet() string {
	s := &Server{Name: "a"}
	s.init()
	return s.log.Log("x") // ok: the call may have set it
}

func (s *Server) init() { s.log = &Logger{} }

func Constructor() string {
	s := NewServer("a")
	return s.log.Log("x") // ok: fields are set by the constructor
}

func UnsetMapField() {
	s := &Server{}
	s.hooks["x"] = nil // want `(?s)nil panic: s.hooks may be nil here \(assignment to entry in nil map\)`
}

func UnsetFuncField() {
	s := Server{}
	s.onClose() // want `(?s)nil panic: s.onClose may be nil here \(nil function called\)`
}

func CheckedField(s *Server) string {
	if s.parent == nil {
		return s.Name
	}
	return s.parent.Name // ok
}

func WrongCheckedField(s *Server) string {
	if s.parent == nil {
		return s.parent.Name // want `(?s)nil panic: s.parent may be nil .*compared with nil`
	}
	return ""
}

func FieldOfUnknown(s *Server) string {
	return s.parent.Name // ok: nothing says the field is nil here
}

func FuncFieldChecked(s *Server) {
	if s.onClose != nil {
		s.onClose() // ok
	}
}

func ParentChain(s *Server) string {
	p := s.parent
	if p == nil {
		return ""
	}
	return p.Name // ok
}

func DeepPath() string {
	s := &Server{}
	s.parent = &Server{}
	return s.parent.log.Log("x") // want `(?s)nil panic: s.parent.log may be nil.*field log of s.parent is not set.*\(\*fields.Logger\).Log receiver l: field prefix accessed`
}

func ReadNilFieldIntoLocal() string {
	s := &Server{Name: "x"}
	l := s.log
	return l.Log("y") // want `(?s)nil panic: l may be nil`
}

// A field compared with nil is nil in that branch...
func (s *Server) ParentNameInNilBranch() string {
	if s.parent == nil {
		return s.parent.Name // want `s.parent may be nil here`
	}
	return ""
}

// ...but past the merge its nilness is the struct's state, kept by other
// conditions (here `heaped`, set together with parent): not reported.
func (s *Server) ParentNameAfterMerge(heaped bool) string {
	if s.parent != nil {
		println("has parent")
	}
	if heaped {
		return s.parent.Name // ok
	}
	return ""
}
