// Package resultstructs: the (value, error) contract held in a struct sent
// on a channel. The producer sends {Data: nil, Err: err} on failure; a
// receiver that reads Data without checking Err first panics. Safe twins:
// the receiver that checks Err (or Data), a struct whose value is never
// left nil beside an error.
package resultstructs

import "errors"

type Upload struct{ Key, ID string }

type UploadResult struct {
	Data *Upload
	Err  error
}

func list(bucket string) <-chan UploadResult {
	ch := make(chan UploadResult)
	go func() {
		defer close(ch)
		if bucket == "" {
			ch <- UploadResult{Data: nil, Err: errors.New("no such bucket")}
			return
		}
		ch <- UploadResult{Data: &Upload{Key: "k"}}
	}()
	return ch
}

func InProgress(bucket, key string) (string, bool) {
	for u := range list(bucket) {
		if u.Data.Key == key { // want `u.Data may be nil here`
			return u.Data.ID, true
		}
	}
	return "", false
}

func InProgressChecked(bucket, key string) (string, bool, error) {
	for u := range list(bucket) {
		if u.Err != nil {
			return "", false, u.Err
		}
		if u.Data.Key == key { // ok: the error was checked
			return u.Data.ID, true, nil
		}
	}
	return "", false, nil
}

func InProgressNilChecked(bucket, key string) bool {
	for u := range list(bucket) {
		if u.Data != nil && u.Data.Key == key { // ok: checked
			return true
		}
	}
	return false
}

type Part struct{ N int }

// PartResult always carries its part: a failed part still has one.
type PartResult struct {
	Part *Part
	Err  error
}

func parts(n int) <-chan PartResult {
	ch := make(chan PartResult, n)
	for i := 0; i < n; i++ {
		var err error
		if i > 10 {
			err = errors.New("too many")
		}
		ch <- PartResult{Part: &Part{N: i}, Err: err}
	}
	close(ch)
	return ch
}

func Total(n int) int {
	t := 0
	for p := range parts(n) {
		t += p.Part.N // ok: never sent without its part
	}
	return t
}

func First(bucket string) string {
	u := <-list(bucket)
	return u.Data.Key // want `u.Data may be nil here`
}

func FirstChecked(bucket string) (string, error) {
	u := <-list(bucket)
	if u.Err != nil {
		return "", u.Err
	}
	return u.Data.Key, nil // ok: the error was checked
}
