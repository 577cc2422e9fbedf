#!/usr/bin/env bash
# Generates a module of 102 packages for bench/cache/run.sh, in DIR:
#   core          imported by every mid package (50 dependents, directly or not)
#   mid/m00..m49  each imports core
#   top/t00..t49  each imports one mid package; nothing imports them (leaves)
#   cmd/app       imports core
# Each package holds a little of what Vigil analyzes: a map lookup that can
# return nil, a mutex-guarded counter, a goroutine joined by a WaitGroup; each
# mid package dereferences core's nil unchecked (50 findings).
set -euo pipefail
dir=${1:?usage: gen.sh DIR}
rm -rf "$dir"; mkdir -p "$dir/core" "$dir/cmd/app"
cat > "$dir/go.mod" <<'GOMOD'
module example.com/gen

go 1.22
GOMOD
body() { # body PACKAGE IMPORT-PATH-OR-EMPTY
  local pkg=$1 imp=$2
  echo "package $pkg"
  echo
  echo 'import ('
  echo '	"sync"'
  [ -n "$imp" ] && echo "	\"$imp\""
  echo ')'
  cat <<'GO'

type Item struct{ Name string }

type Store struct {
	mu    sync.Mutex
	items map[string]*Item
	hits  int
}

// Find returns nil when the name is unknown.
func (s *Store) Find(name string) *Item {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hits++
	if it, ok := s.items[name]; ok {
		return it
	}
	return nil
}

func (s *Store) NameOf(name string) string {
	if it := s.Find(name); it != nil {
		return it.Name
	}
	return ""
}

func (s *Store) All(names []string) []string {
	var wg sync.WaitGroup
	out := make([]string, len(names))
	for i, n := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = s.NameOf(n)
		}()
	}
	wg.Wait()
	return out
}
GO
}
body core "" > "$dir/core/core.go"
for i in $(seq -w 0 49); do
  mkdir -p "$dir/mid/m$i" "$dir/top/t$i"
  body "m$i" example.com/gen/core > "$dir/mid/m$i/m.go"
  # A nil panic per mid package (Find's nil is documented and checked in core): findings to compare.
  echo 'func Use(s *core.Store) string { return s.NameOf("m") + s.Find("m").Name }' >> "$dir/mid/m$i/m.go"
  body "t$i" "example.com/gen/mid/m$i" > "$dir/top/t$i/t.go"
  echo "func Use(s *core.Store) string { return m$i.Use(s) }" >> "$dir/top/t$i/t.go"
  sed -i "s|^import (|import (\n\t\"example.com/gen/core\"|" "$dir/top/t$i/t.go"
done
body main example.com/gen/core > "$dir/cmd/app/main.go"
echo 'func main() { var s core.Store; println(s.NameOf("x")) }' >> "$dir/cmd/app/main.go"
