package main

import (
	"encoding/binary"
	"io"
)

// buf is an append-only byte buffer with the stream's primitive encodings:
// unsigned and signed LEB128 varints, length-prefixed bytes, single bytes.
type buf struct{ b []byte }

func (w *buf) uvarint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *buf) varint(v int64)   { w.b = binary.AppendVarint(w.b, v) }
func (w *buf) u(v int)          { w.uvarint(uint64(v)) }
func (w *buf) byte1(v byte)     { w.b = append(w.b, v) }
func (w *buf) bytes(p []byte)   { w.u(len(p)); w.b = append(w.b, p...) }
func (w *buf) flag(v bool) {
	if v {
		w.byte1(1)
	} else {
		w.byte1(0)
	}
}

// Stream framing: a magic and version, then records of (tag, length, payload).
const (
	streamMagic   = "VIGILFE\x00"
	streamVersion = 2

	recSchema  = 1 // payload: the schema text
	recPackage = 2 // payload: one package chunk
	recFatal   = 3 // payload: a message; loading could not be done
	recEnd     = 4 // payload: empty; the stream is complete
)

func writeHeader(out io.Writer) error {
	var h buf
	h.b = append(h.b, streamMagic...)
	h.u(streamVersion)
	_, err := out.Write(h.b)
	return err
}

func writeRecord(out io.Writer, tag byte, payload []byte) error {
	var h buf
	h.byte1(tag)
	h.u(len(payload))
	if _, err := out.Write(h.b); err != nil {
		return err
	}
	_, err := out.Write(payload)
	return err
}
