#!/usr/bin/env bash
# compare.sh: time codetop against the tools people would otherwise reach
# for (GoAccess, mawk, gawk, jq, wc -l, cat, zcat) on generated logs, in one
# run with a warm page cache, and check that codetop's counts are exact.
#
#   benchmarks/compare.sh                 # 100 MB and 1 GB, 5 runs each
#   benchmarks/compare.sh --quick         # 100 MB only, 3 runs, no 2M-path log
#   SIZES="100M" RUNS=3 benchmarks/compare.sh
#
# Options (or the environment variable in brackets):
#   --sizes "100M 1G"  sizes of the combined logs [SIZES]
#   --runs N           timed runs per tool [RUNS, default 5]
#   --slow-runs N      timed runs for GoAccess and jq [SLOW_RUNS, default 3]
#   --paired N         paired rounds behind each goal's ratio [PAIRED, RUNS]
#   --json-size S      size of the JSON log, "" for none [JSON_SIZE, first size]
#   --gz-size S        size of the log gzipped, "" for none [GZ_SIZE, first size]
#   --distinct N       distinct paths of the memory log, 0 for none [DISTINCT, 2000000]
#   --quick            --sizes 100M --runs 3 --slow-runs 2 --distinct 0
#
# Logs are cached in benchmarks/out/ (git-ignored) and regenerated when the
# generator changes. The report goes to stdout and to benchmarks/out/; the
# exit status is 1 when a count check fails, whatever the timings.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=$here/out

SIZES=${SIZES:-"100M 1G"}
RUNS=${RUNS:-5}
SLOW_RUNS=${SLOW_RUNS:-3}
PAIRED=${PAIRED:-}
DISTINCT=${DISTINCT:-2000000}
JSON_SIZE=${JSON_SIZE-unset}
GZ_SIZE=${GZ_SIZE-unset}

while [ $# -gt 0 ]; do
	case $1 in
	--sizes) SIZES=$2; shift 2 ;;
	--runs) RUNS=$2; shift 2 ;;
	--slow-runs) SLOW_RUNS=$2; shift 2 ;;
	--paired) PAIRED=$2; shift 2 ;;
	--json-size) JSON_SIZE=$2; shift 2 ;;
	--gz-size) GZ_SIZE=$2; shift 2 ;;
	--distinct) DISTINCT=$2; shift 2 ;;
	--quick) SIZES=100M RUNS=3 SLOW_RUNS=2 DISTINCT=0; shift ;;
	-h | --help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
	esac
done
read -r -a sizes <<<"$SIZES"
[ ${#sizes[@]} -gt 0 ] || { echo "compare.sh: no sizes given" >&2; exit 2; }
[ "$JSON_SIZE" != unset ] || JSON_SIZE=${sizes[0]}
[ -n "$PAIRED" ] || PAIRED=$RUNS
[ "$GZ_SIZE" != unset ] || GZ_SIZE=${sizes[0]}

notes=()
note() { notes+=("$*"); echo "note: $*" >&2; }
failed_checks=0
has() { command -v "$1" >/dev/null 2>&1; }
goaccess_version() { goaccess --version 2>/dev/null | head -1 | sed 's/ - / /; s/\.$//'; }

has go || { echo "compare.sh: go is needed to build codetop" >&2; exit 2; }
for t in hyperfine goaccess mawk gawk jq gzip zcat wc cat sort uniq; do
	has "$t" || note "$t is not installed: its measurements are skipped"
done
timer=/usr/bin/time
[ -x "$timer" ] || { timer=""; note "/usr/bin/time (GNU time) is missing: no peak RSS"; }
has jq || note "without jq the count checks cannot read codetop's report and are skipped"

mkdir -p "$out/results" "$out/tmp"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
report=$out/results/compare-$stamp.md

echo "building codetop and genlog" >&2
# Built as the README says to build for a server: static, without cgo.
(cd "$root" && CGO_ENABLED=0 go build -o "$out/codetop" . && go build -o "$out/genlog" ./benchmarks/genlog/cmd/genlog)
codetop=$out/codetop

# Generated logs are cached; a change to the generator invalidates them.
gen_version=$(cat "$here"/genlog/*.go | cksum | cut -d' ' -f1)
if [ "$(cat "$out/genlog.version" 2>/dev/null || true)" != "$gen_version" ]; then
	rm -f "$out"/access-* "$out"/distinct-*
	echo "$gen_version" >"$out/genlog.version"
fi
generate() { # file, genlog flags...
	local file=$1; shift
	if [ ! -s "$file" ]; then
		echo "generating $(basename "$file")" >&2
		"$out/genlog" "$@" -o "$file.tmp" 2>"$file.summary"
		mv "$file.tmp" "$file"
	fi
}

# measure NAME RUNS CMD: median seconds (hyperfine, or a loop of date
# stamps) and peak RSS (one more run under GNU time). Sets med and rss,
# and remembers CMD under NAME for paired runs.
declare -A C
measure() {
	local name=$1 runs=$2 cmd=$3 warm=1
	C[$name]=$cmd
	med="" rss=""
	[ "$runs" -le 3 ] && warm=0
	local base=$out/results/$stamp-$section-${name//[^A-Za-z0-9_.-]/_}
	if has hyperfine; then
		if hyperfine --style basic -w "$warm" -r "$runs" -n "$name" \
			--export-json "$base.json" --export-csv "$base.csv" "$cmd" >&2; then
			med=$(awk -F, 'NR == 2 { print $4 }' "$base.csv")
		fi
	else
		local i t0 t1 times=()
		for ((i = 0; i < runs; i++)); do
			t0=$(date +%s%N)
			sh -c "$cmd" >/dev/null 2>&1 || { times=(); break; }
			t1=$(date +%s%N)
			times+=("$(((t1 - t0) / 1000))")
		done
		if [ ${#times[@]} -gt 0 ]; then
			med=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.6f", m / 1e6 }')
		fi
	fi
	[ -n "$med" ] || { note "$name failed: $cmd"; return 0; }
	if [ -n "$timer" ]; then
		"$timer" -f %M -o "$out/tmp/rss" sh -c "$cmd" >/dev/null 2>&1 &&
			rss=$(awk '{ printf "%.1f", $1 / 1024 }' "$out/tmp/rss")
	fi
	return 0
}

# Rows of the current table: name, median, MB/s, lines/s, RSS.
declare -A T R
row() { # name bytes lines
	local name=$1 bytes=$2 lines=$3 cell=${1//|/\\|}
	T[$name]=$med R[$name]=$rss
	if [ -z "$med" ]; then
		printf '| %s | failed | | | |\n' "$cell"
		return
	fi
	printf '| %s | %s | %s |\n' "$cell" \
		"$(awk -v t="$med" -v b="$bytes" -v l="$lines" 'BEGIN { printf "%.3f | %.0f | %.0f", t, b / t / 1e6, l / t }')" "${rss:-n/a}"
}
table_head() {
	echo
	echo "### $1"
	echo
	echo "| tool | median s | MB/s | lines/s | peak RSS MB |"
	echo "|---|---:|---:|---:|---:|"
}
# ratio LABEL SLOWER FASTER GOAL [ROUNDS]: how many times faster FASTER
# is than SLOWER: the ratio of the medians above and, when ROUNDS is given,
# the median ratio of as many paired rounds, which the goal (empty for
# none) is judged on.
ratio() {
	local label=${1//|/\\|} a=${T[$2]:-} b=${T[$3]:-} goal=${4:-} rounds=${5:-0}
	if [ -z "$a" ] || [ -z "$b" ]; then
		echo "| $label | n/a | | ${goal:+>= $goal} | |"
		return
	fi
	pr=""
	[ "$rounds" -gt 0 ] && paired "$2" "$3" "$rounds"
	printf '| %s | %s |\n' "$label" "$(awk -v a="$a" -v b="$b" -v p="$pr" -v g="$goal" 'BEGIN {
		r = a / b
		v = (p == "" ? r : p)
		printf "%.2fx | %s | %s | %s", r, (p == "" ? "" : sprintf("%.2fx", p)), (g == "" ? "" : ">= " g "x"), (g == "" ? "" : (v >= g ? "met" : "MISSED"))
	}')"
}
ratio_head() {
	echo
	echo "| $1 | ratio of medians | paired median | goal | |"
	echo "|---|---:|---:|---:|---|"
}

# paired SLOWER FASTER ROUNDS: the median over ROUNDS rounds of the ratio
# of SLOWER's time to FASTER's, each round running both back to back (in
# turn first), so that the machine's speed, which drifts by a third from
# one minute to the next on a shared virtual machine, is nearly the same
# for both sides of each ratio. Sets pr ("" when a command failed).
paired() {
	local a=${C[$1]:-} b=${C[$2]:-} rounds=$3 i t0 ta tb ratios=()
	pr=""
	[ -n "$a" ] && [ -n "$b" ] || return 0
	for ((i = 0; i < rounds; i++)); do
		if ((i % 2 == 0)); then
			t0=$EPOCHREALTIME; eval "$a" >/dev/null 2>&1 || return 0; ta=$(awk -v s="$t0" -v e="$EPOCHREALTIME" 'BEGIN { print e - s }')
			t0=$EPOCHREALTIME; eval "$b" >/dev/null 2>&1 || return 0; tb=$(awk -v s="$t0" -v e="$EPOCHREALTIME" 'BEGIN { print e - s }')
		else
			t0=$EPOCHREALTIME; eval "$b" >/dev/null 2>&1 || return 0; tb=$(awk -v s="$t0" -v e="$EPOCHREALTIME" 'BEGIN { print e - s }')
			t0=$EPOCHREALTIME; eval "$a" >/dev/null 2>&1 || return 0; ta=$(awk -v s="$t0" -v e="$EPOCHREALTIME" 'BEGIN { print e - s }')
		fi
		ratios+=("$(awk -v a="$ta" -v b="$tb" 'BEGIN { printf "%.6f", a / b }')")
	done
	pr=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{ a[NR] = $1 } END { printf "%.6f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
}

# codetop's class counts, "1xx N 2xx N ..." from its JSON report.
codetop_classes() {
	"$codetop" --report json "$@" 2>/dev/null | jq -r '[range(1;6) | tostring + "xx"] as $k | .classes as $c | $k | map(. + " " + (($c[.] // 0) | tostring)) | join(" ")'
}
# The same from awk's ninth field (combined logs) or jq's .status (JSON).
awk_classes() {
	mawk '{ c[substr($9, 1, 1)]++ } END { for (i = 1; i <= 5; i++) printf "%s%dxx %d", (i > 1 ? " " : ""), i, c[i] + 0; print "" }' "$1"
}
jq_classes() {
	jq -r '.status' "$1" | mawk '{ c[substr($1, 1, 1)]++ } END { for (i = 1; i <= 5; i++) printf "%s%dxx %d", (i > 1 ? " " : ""), i, c[i] + 0; print "" }'
}
check() { # label, got, want
	if [ "$2" == "$3" ]; then
		echo "- $1: codetop and the reference agree ($2)"
	else
		echo "- $1: **MISMATCH**: codetop \`$2\`, reference \`$3\`; codetop's timing above does not count"
		failed_checks=$((failed_checks + 1))
	fi
}

warm() { cat "$@" >/dev/null; }
lines_of() { wc -l <"$1" | tr -d ' '; }
bytes_of() { stat -c %s "$1"; }

# Everything on stdout from here on is the report; it is also saved.
exec 3>&1
exec > >(tee "$report")
tee_pid=$!

echo "# codetop compared"
echo
echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') by benchmarks/compare.sh (sizes: ${sizes[*]}; $RUNS runs each, $SLOW_RUNS for GoAccess and jq; medians)."
echo
echo "- machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GB RAM", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)"
echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- $(go version | cut -d' ' -f3-4); codetop $(cd "$root" && git describe --always --dirty 2>/dev/null || echo '(no git)')"
has goaccess && echo "- $(goaccess_version)"
has hyperfine && echo "- $(hyperfine --version)"
echo "- mawk $(mawk -W version 2>&1 | head -1 | awk '{ print $2 }'), $(gawk --version | head -1 | cut -d, -f1), $(jq --version 2>/dev/null || true)"
echo
echo "MB is 10^6 bytes; MB/s and lines/s are the file's bytes and lines over the median time (for .gz, the uncompressed bytes)."

goaccess_jobs=""
if has goaccess; then
	if goaccess --help 2>&1 | grep -q -- '--jobs'; then
		goaccess_jobs=yes
	else
		note "$(goaccess_version) has no --jobs/-j option (GoAccess 1.9 added it): no -j 2 run"
	fi
fi

section=""
for size in "${sizes[@]}"; do
	section=combined-$size
	log=$out/access-$size.log
	generate "$log" -size "$size" -seed 1
	bytes=$(bytes_of "$log")
	lines=$(lines_of "$log")
	warm "$log"
	unset T R
	declare -A T R
	table_head "combined log, $size: $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }'), $lines lines"
	measure codetop "$RUNS" "'$codetop' --report json '$log' >/dev/null"
	row codetop "$bytes" "$lines"
	if has goaccess; then
		measure goaccess "$SLOW_RUNS" "goaccess '$log' --log-format=COMBINED -o '$out/tmp/goaccess.json'"
		row goaccess "$bytes" "$lines"
		if [ -n "$goaccess_jobs" ]; then
			measure "goaccess -j 2" "$SLOW_RUNS" "goaccess '$log' --log-format=COMBINED -j 2 -o '$out/tmp/goaccess.json'"
			row "goaccess -j 2" "$bytes" "$lines"
		fi
	fi
	for awk in mawk gawk; do
		has $awk || continue
		measure "$awk" "$RUNS" "$awk '{c[\$9]++} END{for(k in c) print k, c[k]}' '$log' >/dev/null"
		row "$awk" "$bytes" "$lines"
	done
	measure "wc -l" "$RUNS" "wc -l '$log' >/dev/null"
	row "wc -l" "$bytes" "$lines"
	measure "cat" "$RUNS" "cat '$log' >/dev/null"
	row "cat" "$bytes" "$lines"
	ratio_head "ratio ($size)"
	ratio "codetop vs GoAccess (times faster)" goaccess codetop 100 "$SLOW_RUNS"
	if [ -n "$goaccess_jobs" ]; then
		ratio "codetop vs GoAccess -j 2" "goaccess -j 2" codetop 100 "$SLOW_RUNS"
	fi
	ratio "codetop vs mawk" mawk codetop 3 "$PAIRED"
	ratio "codetop vs gawk" gawk codetop
	ratio "codetop vs wc -l" "wc -l" codetop 0.33 "$PAIRED"
	if [ "$size" == "1G" ] && [ -n "${R[codetop]:-}" ]; then
		awk -v r="${R[codetop]}" 'BEGIN { printf "| codetop peak RSS on 1 GB | %.1f MB | | < 100 MB | %s |\n", r, (r < 100 ? "met" : "MISSED") }'
	fi
	if has jq && has mawk; then
		echo
		check "class counts, $size combined (reference: mawk \$9)" "$(codetop_classes "$log")" "$(awk_classes "$log")"
	fi
done

if [ -n "$GZ_SIZE" ]; then
	section=gz-$GZ_SIZE
	log=$out/access-$GZ_SIZE.log
	generate "$log" -size "$GZ_SIZE" -seed 1
	gz=$log.gz
	if [ ! -s "$gz" ] || [ "$gz" -ot "$log" ]; then
		echo "compressing $(basename "$log")" >&2
		gzip -6 -c "$log" >"$gz.tmp" && mv "$gz.tmp" "$gz"
	fi
	bytes=$(bytes_of "$log")
	lines=$(lines_of "$log")
	warm "$gz"
	unset T R
	declare -A T R
	table_head "gzip, $GZ_SIZE log: $(awk -v b="$(bytes_of "$gz")" 'BEGIN { printf "%.1f MB", b / 1e6 }') compressed"
	measure "codetop .gz" "$RUNS" "'$codetop' --report json '$gz' >/dev/null"
	row "codetop .gz" "$bytes" "$lines"
	if has zcat; then
		measure "zcat" "$RUNS" "zcat '$gz' >/dev/null"
		row "zcat" "$bytes" "$lines"
	fi
	ratio_head "ratio (.gz)"
	ratio "codetop .gz vs zcat" zcat "codetop .gz" 0.9 "$PAIRED"
	if has jq; then
		echo
		check "class counts, $GZ_SIZE gzipped (reference: codetop on the plain file)" "$(codetop_classes "$gz")" "$(codetop_classes "$log")"
	fi
fi

if [ -n "$JSON_SIZE" ]; then
	section=json-$JSON_SIZE
	log=$out/access-$JSON_SIZE.json
	generate "$log" -size "$JSON_SIZE" -seed 1 -format json
	bytes=$(bytes_of "$log")
	lines=$(lines_of "$log")
	warm "$log"
	unset T R
	declare -A T R
	table_head "nginx JSON log (escape=json), $JSON_SIZE: $lines lines"
	measure "codetop json" "$RUNS" "'$codetop' --report json '$log' >/dev/null"
	row "codetop json" "$bytes" "$lines"
	if has jq; then
		measure "jq | sort | uniq -c" "$SLOW_RUNS" "jq -r .status '$log' | sort | uniq -c >/dev/null"
		row "jq | sort | uniq -c" "$bytes" "$lines"
	fi
	echo
	echo "GoAccess has no preset for JSON logs."
	ratio_head "ratio (JSON)"
	ratio "codetop vs jq" "jq | sort | uniq -c" "codetop json"
	if has jq; then
		echo
		check "class counts, $JSON_SIZE JSON (reference: jq .status)" "$(codetop_classes "$log")" "$(jq_classes "$log")"
	fi
fi

if [ "$DISTINCT" -gt 0 ]; then
	section=distinct-$DISTINCT
	log=$out/distinct-$DISTINCT.log
	# A quarter more lines than paths, so every path appears.
	generate "$log" -lines $((DISTINCT + DISTINCT / 4)) -distinct "$DISTINCT" -seed 2
	bytes=$(bytes_of "$log")
	lines=$(lines_of "$log")
	warm "$log"
	unset T R
	declare -A T R
	table_head "memory: $DISTINCT distinct paths, $lines lines, $(awk -v b="$bytes" 'BEGIN { printf "%.1f MB", b / 1e6 }')"
	measure "codetop" 1 "'$codetop' --report json '$log' >/dev/null"
	row codetop "$bytes" "$lines"
	echo
	if [ -n "${R[codetop]:-}" ]; then
		awk -v r="${R[codetop]}" 'BEGIN { printf "- peak RSS %.1f MB (goal <= 256 MB): %s\n", r, (r <= 256 ? "met" : "MISSED") }'
	fi
	if has jq && has mawk; then
		check "class counts, $DISTINCT distinct paths (reference: mawk \$9)" "$(codetop_classes "$log")" "$(awk_classes "$log")"
	fi
fi

if [ ${#notes[@]} -gt 0 ]; then
	echo
	echo "Notes:"
	for n in "${notes[@]}"; do echo "- $n"; done
fi
echo
echo "Raw hyperfine exports: benchmarks/out/results/$stamp-*.json"
exec >&3 3>&-
wait "$tee_pid"
echo "report written to $report" >&2

if [ "$failed_checks" -gt 0 ]; then
	echo "compare.sh: $failed_checks count check(s) failed" >&2
	exit 1
fi
