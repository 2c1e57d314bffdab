#!/usr/bin/env bash
# pgo.sh: remake default.pgo, the CPU profile that `go build` uses for
# profile-guided optimisation of codetop (hot calls inlined across
# functions that are too large to inline otherwise: the parser's field
# helpers into Parse, the path table's lookup into Add).
#
#   benchmarks/pgo.sh          # writes default.pgo at the top of the tree
#
# The profile comes from the real binary, built without a profile so that
# the result does not depend on the previous one, reading generated logs
# the way users do: a combined log (most of the weight), the same with
# request and upstream times, nginx JSON lines and a gzip archive. Each run
# writes its own profile through CODETOP_CPUPROFILE; pprof merges them.
# Rerun it when the hot path changes; a stale profile only optimises less.
set -euo pipefail
unset CDPATH

here=$(cd -- "$(dirname -- "$0")" && pwd)
root=$(cd -- "$here/.." && pwd)
out=$here/out/pgo
mkdir -p "$out"

echo "building codetop (without a profile) and genlog" >&2
(cd "$root" && CGO_ENABLED=0 go build -pgo=off -o "$out/codetop" . && go build -o "$out/genlog" ./benchmarks/genlog/cmd/genlog)

# The logs are kept between runs, and made again when the generator or
# this script changes.
version=$(cat "$here"/genlog/*.go "$0" | cksum | cut -d' ' -f1)
if [ "$(cat "$out/version" 2>/dev/null || true)" != "$version" ]; then
	rm -f "$out"/*.log "$out"/*.gz
	echo "$version" >"$out/version"
fi
gen() { # file, genlog flags...
	local file=$1
	shift
	if [ ! -s "$file" ]; then
		echo "generating $(basename "$file")" >&2
		"$out/genlog" "$@" -o "$file.tmp" 2>"$file.summary"
		mv "$file.tmp" "$file"
	fi
}
gen "$out/combined.log" -size 500M -seed 11
gen "$out/timed.log" -size 200M -seed 12 -timings
gen "$out/json.log" -size 200M -seed 13 -format json
gen "$out/archive.log" -size 100M -seed 14
if [ ! -s "$out/archive.log.gz" ]; then
	gzip -c "$out/archive.log" >"$out/archive.log.gz.tmp"
	mv "$out/archive.log.gz.tmp" "$out/archive.log.gz"
fi

rm -f "$out"/*.prof
run() { # name, times, input
	local i
	for ((i = 0; i < $2; i++)); do
		CODETOP_CPUPROFILE="$out/$1-$i.prof" "$out/codetop" --report json "$3" >/dev/null
	done
}
echo "profiling" >&2
run combined 8 "$out/combined.log"
run timed 4 "$out/timed.log"
run json 4 "$out/json.log"
run gzip 4 "$out/archive.log.gz"

# Written beside and moved into place, so that a failed merge never
# leaves go build a broken profile.
go tool pprof -proto "$out"/*.prof >"$root/default.pgo.tmp"
mv "$root/default.pgo.tmp" "$root/default.pgo"
echo "wrote $root/default.pgo ($(wc -c <"$root/default.pgo") bytes from $(ls "$out"/*.prof | wc -l) runs)" >&2
