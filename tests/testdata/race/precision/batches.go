package precision

// Writer hands each full batch to a goroutine and starts a new one: the
// appends of the next rounds write another array than the goroutine reads.
type request struct{ n int }

func writeBatch(reqs []*request) int {
	total := 0
	for _, r := range reqs {
		total += r.n
	}
	return total
}

func doWrites(in <-chan *request) {
	reqs := make([]*request, 0, 10)
	for r := range in {
		reqs = append(reqs, r)
		if len(reqs) < 10 {
			continue
		}
		go writeBatch(reqs)
		reqs = make([]*request, 0, 10)
	}
}

// doWritesReused hands the batch over and keeps appending to the same array
// after truncating it: the goroutine reads what the next rounds overwrite.
func doWritesReused(in <-chan *request) {
	reqs := make([]*request, 0, 10)
	for r := range in {
		reqs = append(reqs, r) // want `data race: reqs\[len\(reqs\)\] written in doWritesReused while the goroutine runs`
		if len(reqs) < 10 {
			continue
		}
		go writeBatch(reqs)
		reqs = reqs[:0]
	}
}
