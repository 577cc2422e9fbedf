// Package errgroup: golang.org/x/sync/errgroup from a vendored dependency (no
// source for the analysis): Go starts its function in a goroutine, Wait waits
// for all of them.
package errgroup

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func Sum(xs []int) int {
	var g errgroup.Group
	total := 0
	for _, x := range xs {
		g.Go(func() error {
			total += x // want `data race: total written by the goroutine started at errgroup.go:16; written at errgroup.go:17 concurrently by another instance of the same goroutine`
			return nil
		})
	}
	g.Wait()
	return total
}

func Doubles(xs []int) []int {
	var g errgroup.Group
	out := make([]int, len(xs))
	for i, x := range xs {
		g.Go(func() error {
			out[i] = x * 2
			return nil
		})
	}
	g.Wait()
	return out
}

func First(ctx context.Context, fetch func(context.Context) (string, error)) (string, error) {
	g, ctx := errgroup.WithContext(ctx)
	var result string
	g.Go(func() error {
		r, err := fetch(ctx)
		result = r
		return err
	})
	if err := g.Wait(); err != nil {
		return "", err
	}
	return result, nil
}

func Early(ctx context.Context, fetch func(context.Context) (string, error)) string {
	g, ctx := errgroup.WithContext(ctx)
	var result string
	g.Go(func() error {
		r, err := fetch(ctx)
		result = r // want `data race: result written by the goroutine started at errgroup.go:55; read at errgroup.go:60 by Early, after it starts the goroutine`
		return err
	})
	peek := result
	g.Wait()
	return peek
}
