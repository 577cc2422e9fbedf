// Package promoted: a method promoted from an embedded struct field, called
// through a nil pointer, panics even when the method itself never uses its
// receiver: the call first reads the embedded field (`f.zf.FileInfo()`,
// FileInfo of zip.File's embedded FileHeader). Safe twins: the pointer
// checked first, a method of the pointer's own type that accepts nil.
package promoted

type header struct{ name string }

// Kind does not use its receiver.
func (h *header) Kind() string { return "file" }

type entry struct {
	header
	size int64
}

// Describe accepts a nil receiver.
func (e *entry) Describe() string {
	if e == nil {
		return "root"
	}
	return e.name
}

type File struct {
	e     *entry
	isDir bool
}

func (f *File) Close() error {
	f.e = nil
	return nil
}

func (f *File) Name() string {
	if f.e != nil {
		return f.e.name
	}
	return "/"
}

func (f *File) Kind() string {
	return f.e.Kind() // want `f.e may be nil here`
}

func (f *File) KindChecked() string {
	if f.e == nil {
		return "dir"
	}
	return f.e.Kind() // ok: checked
}

func (f *File) Describe() string {
	return f.e.Describe() // ok: Describe accepts nil
}
