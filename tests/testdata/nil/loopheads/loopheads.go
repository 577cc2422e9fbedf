// Package loopheads: a nil that is reported, reaching a loop head that already holds a nil that
// is not (a variable declared without a value and assigned later: the author believes it is set
// where it is used). The back edge brings the reportable nil round the loop; the fixed point must
// not stop at the first nil (runtime's traceback parser: `var cur *traceback; for … { switch {
// case header: cur = &traceback{}; case line == "": cur = nil; default: cur.frames = … } }`;
// before the fix of Fact.SameAs none of the three uses below was reported).
// Safe twin: without the reset to nil, only the declared nil reaches the uses.
package loopheads

import (
	"strconv"
	"strings"
)

type frame struct {
	name   string
	elided int
}

type traceback struct {
	frames    []*frame
	createdBy *frame
}

func fatal(s string) { panic(s) }

func parseFrame(name, args string) *frame { return &frame{name: name + args} }

// A blank line resets cur; a frame line right after it uses the nil.
func parse(tb string) []*traceback {
	var tbs []*traceback
	var cur *traceback
	for _, line := range strings.Split(tb, "\n") {
		switch {
		case strings.HasPrefix(line, "goroutine "):
			cur = &traceback{}
			tbs = append(tbs, cur)
		case line == "":
			cur = nil
		case line[0] == '\t':
			fatal("unexpected indent")
		case strings.HasPrefix(line, "created by "):
			cur.createdBy = parseFrame(line[len("created by "):], "") // want `cur may be nil here`
		case strings.HasSuffix(line, ")"):
			name, args, found := strings.Cut(line, "(")
			if !found {
				fatal("missing (")
			}
			cur.frames = append(cur.frames, parseFrame(name, args)) // want `cur may be nil here`
		case strings.Contains(line, "elided"):
			n, _ := strconv.Atoi(line)
			cur.frames = append(cur.frames, &frame{elided: n}) // want `cur may be nil here`
		}
	}
	return tbs
}

// Only the declared nil reaches the uses: not reported (the author's belief that a header comes first).
func parseNoReset(tb string) []*traceback {
	var tbs []*traceback
	var cur *traceback
	for _, line := range strings.Split(tb, "\n") {
		switch {
		case strings.HasPrefix(line, "goroutine "):
			cur = &traceback{}
			tbs = append(tbs, cur)
		case strings.HasPrefix(line, "created by "):
			cur.createdBy = parseFrame(line[len("created by "):], "")
		default:
			cur.frames = append(cur.frames, parseFrame(line, ""))
		}
	}
	return tbs
}
