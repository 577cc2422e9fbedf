#!/usr/bin/env bash
# The real-code corpus bench: every check (nil, race, escape) on widely used Go
# libraries as Debian packages them (bench/corpus/projects.txt; GOPATH layout,
# loaded offline in GOPATH mode), one project at a time. Prints a table per
# project: packages, load errors, findings per check, wall and CPU time, peak
# memory. Saves under $OUT (default /tmp/vigil-corpus):
#   NAME.txt      findings as text (NAME is the project with / replaced by _)
#   NAME.json     findings as JSON (--format json)
#   NAME.stderr   load errors and warnings
#   NAME.cost     time and memory (measure.py)
#   summary.tsv   the table; manifest.tsv: project, Debian package, version, root
#   vigil.txt     the Vigil commit, the Go version, the settings of the run
# Draw a seeded sample of the findings with bench/corpus/sample.py.
#
# usage: bench/corpus/run.sh [PROJECT...]   (default: every project; library code only)
#        TESTS=1 bench/corpus/run.sh        (with the projects' tests)
#        bench/corpus/run.sh --verify       (check that each root holds only its package's files)
#        PROJECTS=FILE bench/corpus/run.sh  (another project list, in projects.txt's format)
#        CHECKS=race bench/corpus/run.sh    (only some checks: --checks' syntax; default all)
#        VIGIL_CLI=DLL bench/corpus/run.sh  (a given build, e.g. a frozen copy; default: build this checkout)
# Missing packages are installed with apt-get (root needed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
src=/usr/share/gocode/src
out=${OUT:-/tmp/vigil-corpus}
verify=
only=()
for a in "$@"; do
  case $a in
    --verify) verify=1 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown flag $a (see --help)" >&2; exit 2 ;;
    *) only+=("$a") ;;
  esac
done

# The project list: NAME PACKAGE ROOT [exclude=DIR,...]
names=() pkgs=() roots=() excludes=()
while read -r name pkg dir rest; do
  [[ -z ${name:-} || $name == \#* ]] && continue
  if [ ${#only[@]} -gt 0 ]; then
    keep=
    for o in "${only[@]}"; do [ "$o" = "$name" ] && keep=1; done
    [ "$keep" ] || continue
  fi
  names+=("$name") pkgs+=("$pkg") roots+=("$dir") excludes+=("${rest#exclude=}")
done < "${PROJECTS:-$here/projects.txt}"
[ ${#names[@]} -gt 0 ] || { echo "run.sh: no such project: ${only[*]}" >&2; exit 2; }

missing=()
for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing the corpus: ${missing[*]}" >&2
  apt-get -o DPkg::Lock::Timeout=900 install -y -q "${missing[@]}" >/dev/null ||
    echo "run.sh: apt-get could not install all of them; those projects are reported as not installed" >&2
fi

if [ "$verify" ]; then
  # Every .go file under a root (symlinks followed) must be installed by the
  # project's own package; anything else is another project's code.
  bad=0
  for i in "${!names[@]}"; do
    dpkg -L "${pkgs[$i]}" | grep '\.go$' | xargs -r realpath -q | sort -u > /tmp/vigil-corpus-own.$$
    foreign=$(cd "$src/${roots[$i]}" && find -L . -name '*.go' | xargs -r realpath -q | sort -u |
      comm -23 - /tmp/vigil-corpus-own.$$ | xargs -r -n1 dirname | sort -u)
    for x in ${excludes[$i]//,/ }; do
      foreign=$(echo "$foreign" | grep -v "^$(realpath "$src/${roots[$i]}/$x")\(/\|$\)" || true)
    done
    if [ -n "$foreign" ]; then
      bad=1
      echo "${names[$i]}: directories of other packages under ${roots[$i]}:"; echo "$foreign" | sed 's/^/  /'
    fi
  done
  rm -f /tmp/vigil-corpus-own.$$
  [ "$bad" = 0 ] && echo "all ${#names[@]} roots hold only their own package's files"
  exit "$bad"
fi

export VIGIL_GO=${VIGIL_GO:-$("$root/scripts/ensure-go.sh")}
if [ -n "${VIGIL_CLI:-}" ]; then
  cli=$VIGIL_CLI
else
  dotnet build "$root/src/Vigil.Cli" -c Release -v quiet -nologo >/dev/null
  cli="$root/src/Vigil.Cli/bin/Release/net10.0/vigil.dll"
fi
checks=${CHECKS:-all}
tests=false
[ "${TESTS:-}" ] && tests=true
export GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS=
mkdir -p "$out"

# Warm-up, not timed: the first run builds and caches the Go front-end.
for r in "${roots[@]}"; do
  [ -d "$src/$r" ] || continue
  (cd "$src/$r" && dotnet "$cli" check --checks none --tests=false . >/dev/null 2>&1 || true)
  break
done

{
  echo "vigil commit: $(git -C "$root" rev-parse HEAD)$(git -C "$root" diff --quiet HEAD -- src frontend 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "go: $("$VIGIL_GO" version)"
  echo "tests: $tests"
  echo "checks: $checks"
  echo "memory: max_rss = largest single process (rusage); tree_rss = summed process tree, sampled every 100 ms"
} > "$out/vigil.txt"

header=$(printf '%-34s %5s %6s %7s %4s %5s %6s %7s %7s %7s %7s' \
  project pkgs lderr loaded nil race escape wall_s cpu_s max_MiB tree_MiB)
echo "$header"
printf '%s\n' "$header" | tr -s ' ' '\t' > "$out/summary.tsv"
: > "$out/manifest.tsv"
tot_nil=0 tot_race=0 tot_esc=0 tot_err=0 tot_wall=0 tot_cpu=0 peak=0 loaded_n=0
for i in "${!names[@]}"; do
  name=${names[$i]} dir="$src/${roots[$i]}"
  slug=${name//\//_}
  rm -f "$out/$slug".*
  printf '%s\t%s\t%s\t%s\n' "$name" "${pkgs[$i]}" "$(dpkg-query -W -f='${Version}' "${pkgs[$i]}")" "${roots[$i]}" >> "$out/manifest.tsv"
  echo "[$((i + 1))/${#names[@]}] $name ..." >&2
  if [ ! -d "$dir" ]; then
    row=$(printf '%-34s %5s %6s %7s' "$name" - - missing)
    echo "$row"; printf '%s\n' "$row" | tr -s ' ' '\t' >> "$out/summary.tsv"
    continue
  fi
  # The project's packages, without the excluded subdirectories.
  mapfile -t list < <(cd "$dir" && "$VIGIL_GO" list -e -f '{{.ImportPath}}' ./... 2>/dev/null)
  for x in ${excludes[$i]//,/ }; do
    mapfile -t list < <(printf '%s\n' "${list[@]}" | grep -v "^${roots[$i]}/$x\(/\|$\)")
  done
  patterns=(./...)
  [ -n "${excludes[$i]}" ] && patterns=("${list[@]}")
  status=0
  (cd "$dir" && "$here/measure.py" "$out/$slug.cost" -- dotnet "$cli" check --cache=false --checks "$checks" --tests=$tests \
     --format text --format "json=$out/$slug.json" "${patterns[@]}" > "$out/$slug.txt" 2> "$out/$slug.stderr") || status=$?
  count() { grep -c "^[^	].*(vigil-$1)\$" "$out/$slug.txt" || true; }
  n_nil=$(count nil) n_race=$(count race) n_esc=$(count escape)
  # Load errors: one line each, "POSITION: MESSAGE (KIND error in PACKAGE)".
  lderr=$(grep -c ' error in [^ ]*)$' "$out/$slug.stderr" || true)
  errpkgs=$(grep -o ' error in [^ ]*)$' "$out/$slug.stderr" | sort -u | wc -l || true)
  if [ "$status" -gt 2 ] || [ ! -s "$out/$slug.json" ]; then loaded=no
  elif grep -q '^vigil: .* failed on ' "$out/$slug.stderr"; then loaded=crash
  elif [ "$errpkgs" -ge "${#list[@]}" ] && [ "$errpkgs" -gt 0 ]; then loaded=no
  elif [ "$lderr" -gt 0 ]; then loaded=partly
  else loaded=yes
  fi
  read -r wall cpu maxrss tree < <(python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); print(c["wall_s"], c["cpu_s"], c["max_rss_kib"]//1024, c["tree_rss_kib"]//1024)' "$out/$slug.cost")
  row=$(printf '%-34s %5d %6d %7s %4d %5d %6d %7.1f %7.1f %7d %7d' \
    "$name" "${#list[@]}" "$lderr" "$loaded" "$n_nil" "$n_race" "$n_esc" "$wall" "$cpu" "$maxrss" "$tree")
  echo "$row"
  printf '%s\n' "$row" | tr -s ' ' '\t' >> "$out/summary.tsv"
  [ "$loaded" = yes ] || [ "$loaded" = partly ] && loaded_n=$((loaded_n + 1))
  tot_nil=$((tot_nil + n_nil)) tot_race=$((tot_race + n_race)) tot_esc=$((tot_esc + n_esc)) tot_err=$((tot_err + lderr))
  tot_wall=$(python3 -c "print(round($tot_wall + $wall, 1))") tot_cpu=$(python3 -c "print(round($tot_cpu + $cpu, 1))")
  [ "$maxrss" -gt "$peak" ] && peak=$maxrss
done
echo "total: ${#names[@]} projects, $loaded_n loaded (fully or partly), $tot_err load errors;" \
  "findings: nil $tot_nil, race $tot_race, escape $tot_esc; wall ${tot_wall} s, CPU ${tot_cpu} s," \
  "largest process ${peak} MiB (tests=$tests)" | tee -a "$out/vigil.txt"
echo "findings in $out (NAME.txt, NAME.json); sample them with bench/corpus/sample.py"
