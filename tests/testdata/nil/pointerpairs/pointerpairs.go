// Package pointerpairs: two values set together in one branch. A value that is nil on the
// path where another local is nil (declared without a value, or set to nil) and set where
// that local is assigned, is set whenever the local is not nil (crypto/tls's client
// handshake: `var chainToSend *Certificate; certReq, ok := msg.(*certificateRequestMsg);
// if ok { chainToSend, err = … }; …; if chainToSend != nil { certReq.… }`). Lengths relate a
// count to its slice or map: a length other than 0 means the slice is not nil (go/types'
// error matcher: `var errList []comment; if filemap != nil { errList = filemap[line] }; …;
// if n := len(errList) - 1; n > 0 { filemap[line] = … }`). Buggy twins: the pair broken by
// an assignment on both sides, a use on the path where the local is nil, a counter stepped
// after it was made.
package pointerpairs

import "errors"

type Certificate struct{ Chain [][]byte }

type certificateRequestMsg struct{ algorithms []int }

type serverHelloDone struct{}

type message interface{}

func getClientCertificate(req *certificateRequestMsg) (*Certificate, error) {
	if len(req.algorithms) == 0 {
		return nil, errors.New("no algorithm")
	}
	return &Certificate{}, nil
}

func readHandshake() (message, error) { return &serverHelloDone{}, nil }

// ---- safe: the pair is set together ----

func clientHandshake(msg message) (int, error) {
	var chainToSend *Certificate
	var err error
	certReq, ok := msg.(*certificateRequestMsg)
	if ok {
		if chainToSend, err = getClientCertificate(certReq); err != nil {
			return 0, err
		}
		msg, err = readHandshake()
		if err != nil {
			return 0, err
		}
	}
	if _, ok := msg.(*serverHelloDone); !ok {
		return 0, errors.New("unexpected message")
	}
	if chainToSend != nil && len(chainToSend.Chain) > 0 {
		return len(certReq.algorithms), nil // ok: chainToSend is set only when certReq is
	}
	return 0, nil
}

type comment struct{ col int }

func match(errmap map[string]map[int][]comment, file string, line int) {
	filemap := errmap[file]
	var errList []comment
	if filemap != nil {
		errList = filemap[line]
	}
	if n := len(errList) - 1; n > 0 {
		filemap[line] = errList[:n] // ok: errList is not empty, so filemap was not nil
	} else if len(errList) > 0 {
		delete(filemap, line)
	}
}

func firstMatch(errmap map[string]map[int][]comment, file string, line int) int {
	filemap := errmap[file]
	var errList []comment
	if filemap != nil {
		errList = filemap[line]
	}
	if len(errList) != 0 {
		filemap[line] = nil // ok: a non-empty errList came from filemap
		return errList[0].col
	}
	return -1
}

type node struct{ next *node }

func resetPair(a *node) int {
	var last *node
	cur := a
	if cur != nil {
		last = cur.next
	}
	if last == nil {
		last = nil
	}
	if last != nil {
		return len(cur.next.String()) // ok: last is set only where cur is
	}
	return 0
}

func (n *node) String() string { return "node" }

// ---- buggy twins ----

func clientHandshakeBothSides(msg message, fallback *Certificate) int {
	var chainToSend *Certificate
	certReq, ok := msg.(*certificateRequestMsg)
	if ok {
		chainToSend, _ = getClientCertificate(certReq)
	} else {
		chainToSend = fallback // set on the other side too: the pair says nothing
	}
	if chainToSend != nil {
		return len(certReq.algorithms) // want `certReq may be nil here`
	}
	return 0
}

func clientHandshakeNilSide(msg message) int {
	var chainToSend *Certificate
	certReq, ok := msg.(*certificateRequestMsg)
	if ok {
		chainToSend, _ = getClientCertificate(certReq)
	}
	if chainToSend == nil {
		return len(certReq.algorithms) // want `certReq may be nil here`
	}
	return 0
}

func matchStepped(errmap map[string]map[int][]comment, file string, line int) {
	filemap := errmap[file]
	var errList []comment
	if filemap != nil {
		errList = filemap[line]
	}
	n := len(errList) - 1
	n-- // a nil errList now gives -2, not -1
	if n != -1 {
		filemap[line] = errList // want `filemap may be nil here`
	}
}

func matchAnyLength(errmap map[string]map[int][]comment, file string, line int) {
	filemap := errmap[file]
	var errList []comment
	if filemap != nil {
		errList = filemap[line]
	}
	if len(errList) >= 0 {
		filemap[line] = errList // want `filemap may be nil here`
	}
}

func countStepped(reg *node) bool {
	n := 0
	if reg != nil {
		n = 1
	}
	n++ // a nil reg now gives 1: "n is not 0" no longer says reg is set
	if n > 0 {
		return reg.next != nil // want `reg may be nil here`
	}
	return false
}

func countKept(reg *node) bool {
	n := 0
	if reg != nil {
		n = 1
	}
	if n > 0 {
		return reg.next != nil // ok: n is not 0 only when reg is set
	}
	return false
}
