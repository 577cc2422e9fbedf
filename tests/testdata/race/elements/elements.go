// Package elements: distinct elements versus shared ones, slices, maps and arrays.
package elements

import "sync"

func DistinctElements(n int) []int {
	out := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = i * i
		}()
	}
	wg.Wait()
	return out
}

func DistinctElementsParam(n int) []int {
	out := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			out[k] = k
		}(i)
	}
	wg.Wait()
	return out
}

func SameElement(n int) []int {
	out := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[0] += i // want `data race: out\[0\] written`
		}()
	}
	wg.Wait()
	return out
}

func ConstantElements() [2]int {
	var arr [2]int
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); arr[0] = 1 }()
	go func() { defer wg.Done(); arr[1] = 2 }()
	wg.Wait()
	return arr
}

func SameConstantElement() [2]int {
	var arr [2]int
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); arr[1] = 1 }() // want `data race: arr\[1\] written`
	go func() { defer wg.Done(); arr[1] = 2 }()
	wg.Wait()
	return arr
}

// Map writes race whatever the keys.
func MapDistinctKeys(n int) map[int]int {
	m := make(map[int]int)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m[i] = i // want `data race: m\[i\] written`
		}()
	}
	wg.Wait()
	return m
}

func MapLocked(n int) map[int]int {
	m := make(map[int]int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			m[i] = i
			mu.Unlock()
		}()
	}
	wg.Wait()
	return m
}

func MapReadWhileWrite(m map[string]int) int {
	done := make(chan bool)
	go func() {
		m["x"] = 1 // want `data race: m\["x"\] written`
		done <- true
	}()
	v := m["y"]
	<-done
	return v
}

// append to a shared slice.
func AppendShared(xs []int) []int {
	var out []int
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out = append(out, x) // want `data race: out written`
		}()
	}
	wg.Wait()
	return out
}

// Elements of a slice of pointers: each goroutine gets its own element.
type Item struct{ Done bool }

func PointerElements(items []*Item) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			it.Done = true
		}()
	}
	wg.Wait()
}

// ... but one pointer given to every goroutine is shared.
func SamePointerEveryGoroutine(it *Item, n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			it.Done = true // want `data race: it.Done written`
		}()
	}
	wg.Wait()
}

// copy into a shared destination.
func CopyShared(dst, src []int) {
	done := make(chan bool)
	go func() {
		copy(dst, src) // want `data race: dst\[_\] written`
		done <- true
	}()
	dst[0] = 1
	<-done
}

// Chunks of one slice: each goroutine works on its own sub-slice.
func Chunks(data []int, parts int) {
	var wg sync.WaitGroup
	size := len(data) / parts
	for p := 0; p < parts; p++ {
		chunk := data[p*size : (p+1)*size]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range chunk {
				chunk[i] *= 2
			}
		}()
	}
	wg.Wait()
}

// Struct fields: different fields are different memory.
type Pair struct{ A, B int }

func DifferentFields() Pair {
	var p Pair
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); p.A = 1 }()
	go func() { defer wg.Done(); p.B = 2 }()
	wg.Wait()
	return p
}

func WholeStructAndField() Pair {
	var p Pair
	done := make(chan bool)
	go func() {
		p.A = 1 // want `data race: p.A written`
		done <- true
	}()
	q := p
	<-done
	return q
}

// delete from a shared map.
func DeleteShared(m map[string]bool, keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			delete(m, k) // want `data race: m\[.*\] written`
		}()
	}
	wg.Wait()
}

// Ranging over a slice while a goroutine writes its elements.
func RangeWhileWrite(xs []int) int {
	done := make(chan bool)
	go func() {
		xs[0] = 9 // want `data race: xs\[0\] written`
		done <- true
	}()
	sum := 0
	for _, x := range xs {
		sum += x
	}
	<-done
	return sum
}
