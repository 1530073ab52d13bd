#!/usr/bin/env bash
# End-to-end speed of dossier beside its peers, on the same inputs in the same run
# (speed only; quality is scripts/quality-gates.sh):
#   a. summarisation  multinews-dev.jsonl, 250 words: sumy LexRank vs `dossier summarize`
#   b. extraction     html-dev/html: trafilatura vs `dossier clean --format json`
#   c. clustering     ecbplus-dev.jsonl: `dossier eval clusters` (analysis + grouping)
# dossier runs with all threads and with RAYON_NUM_THREADS=1 (the peers use one
# core). Runs are interleaved (peer, dossier, dossier 1 thread, peer, ...) so all
# see the same machine; each figure is the median wall time of REPS runs.
#
# Usage: scripts/bench-e2e.sh
# Environment:
#   REPS=3                      runs of each command
#   DATA=../shared/data         evaluation data (relative to the repo root by default)
#   PEERS=/tmp/peers            Python venv with sumy and trafilatura (created if missing)
#   OUT=target/bench-e2e.json   where the JSON report goes (the table goes to stdout)
#   TOOLS=$DATA/../tools        the peer scripts
set -euo pipefail

caller=$PWD
root=$(cd "$(dirname "$0")/.." && pwd)
# Paths given by the caller are relative to where it ran; defaults to the repo root.
abspath() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$2/$1" ;; esac; }
if [ -n "${DATA:-}" ]; then DATA=$(abspath "$DATA" "$caller"); else DATA=$root/../shared/data; fi
if [ -n "${OUT:-}" ]; then OUT=$(abspath "$OUT" "$caller"); else OUT=$root/target/bench-e2e.json; fi
if [ -n "${TOOLS:-}" ]; then TOOLS=$(abspath "$TOOLS" "$caller"); else TOOLS=$DATA/../tools; fi
PEERS=$(abspath "${PEERS:-/tmp/peers}" "$caller")
REPS=${REPS:-3}
cd "$root"

die() { echo "bench-e2e: $*" >&2; exit 2; }
case $REPS in '' | *[!0-9]* | 0) die "REPS must be a positive integer, not '$REPS'" ;; esac
for f in "$DATA/multinews-dev.jsonl" "$DATA/ecbplus-dev.jsonl" "$TOOLS/sumy_summarize.py" "$TOOLS/trafilatura_extract.py"; do
  [ -f "$f" ] || die "missing $f (set DATA / TOOLS)"
done
[ -d "$DATA/html-dev/html" ] || die "missing $DATA/html-dev/html (set DATA)"
command -v python3 >/dev/null || die "python3 is needed to compute the medians"

PY=$PEERS/bin/python
if ! "$PY" -c 'import sumy, trafilatura, pysbd' 2>/dev/null; then
  echo "== setting up the peers in $PEERS"
  [ -x "$PY" ] || python3 -m venv "$PEERS"
  "$PEERS/bin/pip" install -q sumy rouge-score rouge trafilatura pysbd
fi

echo "== cargo build --release --bin dossier"
cargo build --release --bin dossier
B=$root/target/release/dossier

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT

# timed NAME OKRC CMD...: run CMD once, stdout to $W/NAME.out, stderr to $W/NAME.err,
# append its wall seconds to $W/NAME.times. Exit statuses in OKRC (a space-separated
# list) count as success; anything else stops the bench and shows the command's stderr.
timed() {
  local name=$1 ok=$2 start end rc=0
  shift 2
  start=$(date +%s.%N)
  "$@" >"$W/$name.out" 2>"$W/$name.err" || rc=$?
  end=$(date +%s.%N)
  case " $ok " in
    *" $rc "*) ;;
    *) tail -n 20 "$W/$name.err" >&2; die "$name failed (exit $rc): $*" ;;
  esac
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f\n", b - a }' >>"$W/$name.times"
  printf '  %-22s %8.2f s\n' "$name" "$(tail -n 1 "$W/$name.times")"
}
# lines FILE: non-empty lines of FILE.
lines() { grep -c . "$1" || true; }
# expect NAME GOT WANT: the run produced what it should, or the timing means nothing.
expect() { [ "$2" -eq "$3" ] || die "$1 produced $2 results, expected $3"; }

MN=$DATA/multinews-dev.jsonl
ECB=$DATA/ecbplus-dev.jsonl
HTML=$DATA/html-dev/html
clusters=$(lines "$MN")
pages=$(find "$HTML" -maxdepth 1 -type f -name '*.html*' | wc -l)
ecb_lines=$(lines "$ECB")
# Warm the page cache so the first run of each command is not the only one to read the disk.
cat "$MN" "$ECB" "$HTML"/* >/dev/null

echo "== a. summarisation: $clusters clusters, 250 words (REPS=$REPS)"
for _ in $(seq "$REPS"); do
  timed sumy 0 "$PY" "$TOOLS/sumy_summarize.py" --algo lexrank --words 250 "$MN"
  expect sumy "$(lines "$W/sumy.out")" "$clusters"
  sed -n 's/.* clusters in \([0-9.]*\)s.*/\1/p' "$W/sumy.err" >>"$W/sumy.self"
  timed dossier_sum 0 "$B" summarize --clusters "$MN" --words 250
  expect dossier_sum "$(lines "$W/dossier_sum.out")" "$clusters"
  timed dossier_sum_1t 0 env RAYON_NUM_THREADS=1 "$B" summarize --clusters "$MN" --words 250
  expect dossier_sum_1t "$(lines "$W/dossier_sum_1t.out")" "$clusters"
done

echo "== b. extraction: $pages pages (REPS=$REPS)"
for _ in $(seq "$REPS"); do
  timed trafilatura 0 "$PY" "$TOOLS/trafilatura_extract.py" "$HTML"
  sed -n 's/.* pages in \([0-9.]*\)s.*/\1/p' "$W/trafilatura.err" >>"$W/trafilatura.self"
  # Exit 1 means some pages were skipped (reported on stderr): still a timing.
  timed dossier_clean "0 1" "$B" clean --format json "$HTML"
  timed dossier_clean_1t "0 1" env RAYON_NUM_THREADS=1 "$B" clean --format json "$HTML"
done
traf_pages=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$W/trafilatura.out")
expect trafilatura "$traf_pages" "$pages"
clean_articles=$(lines "$W/dossier_clean.out")
[ "$clean_articles" -gt 0 ] || die "dossier clean extracted nothing"

echo "== c. clustering: ecbplus-dev (REPS=$REPS)"
for _ in $(seq "$REPS"); do
  timed dossier_ecb 0 "$B" eval clusters "$ECB"
  python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])' <"$W/dossier_ecb.out" >>"$W/dossier_ecb.self"
  timed dossier_ecb_1t 0 env RAYON_NUM_THREADS=1 "$B" eval clusters "$ECB"
  python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])' <"$W/dossier_ecb_1t.out" >>"$W/dossier_ecb_1t.self"
done
ecb_articles=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["articles"])' <"$W/dossier_ecb.out")
expect dossier_ecb "$ecb_articles" "$ecb_lines"

for f in sumy trafilatura dossier_ecb dossier_ecb_1t; do
  [ "$(lines "$W/$f.self")" -eq "$REPS" ] || die "could not read the self-reported time of $f from its output"
done

# Versions and machine, for the record.
rustc_v=$(rustc --version)
rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
# Plumbing only: compares against HEAD without touching the index.
dirty=$(git -C "$root" diff-index --quiet HEAD -- 2>/dev/null && echo false || echo true)
peer_v=$("$PY" -c 'import importlib.metadata as m; print(" ".join(f"{p}={m.version(p)}" for p in ("sumy","trafilatura","pysbd")))')
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)

mkdir -p "$(dirname "$OUT")"
W=$W OUT=$OUT REPS=$REPS CLUSTERS=$clusters PAGES=$pages CLEAN_ARTICLES=$clean_articles \
  ECB_ARTICLES=$ecb_articles NPROC=$(nproc) RUSTC_V=$rustc_v REV=$rev DIRTY=$dirty \
  PEER_V=$peer_v CPU=${cpu:-unknown} DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ) python3 - <<'EOF'
import json, os, statistics

e = os.environ
W = e["W"]

def times(name):
    with open(f"{W}/{name}") as f:
        return [float(x) for x in f.read().split()]

def med(name):
    return statistics.median(times(name))

def rate(n, s):
    return round(n / s, 2) if s > 0 else None

def ratio(a, b):
    return round(a / b, 2) if a and b else None

clusters, pages = int(e["CLUSTERS"]), int(e["PAGES"])
ecb = int(e["ECB_ARTICLES"])
rows = []  # (task, system, threads, n, unit, median seconds, runs)

def row(task, system, threads, n, unit, name, note=""):
    s = med(name)
    rows.append({"task": task, "system": system, "threads": threads, "items": n, "unit": unit,
                 "median_s": round(s, 3), "per_s": rate(n, s), "runs_s": times(name), "timing": note})
    return rate(n, s)

sumy = row("summarise", "sumy lexrank", 1, clusters, "clusters", "sumy.times", "wall")
sumy_self = row("summarise", "sumy lexrank", 1, clusters, "clusters", "sumy.self", "self-timed, no imports")
d_sum = row("summarise", "dossier", int(e["NPROC"]), clusters, "clusters", "dossier_sum.times", "wall")
d_sum1 = row("summarise", "dossier", 1, clusters, "clusters", "dossier_sum_1t.times", "wall")
traf = row("extract", "trafilatura", 1, pages, "pages", "trafilatura.times", "wall")
traf_self = row("extract", "trafilatura", 1, pages, "pages", "trafilatura.self", "self-timed, no reading")
d_cl = row("extract", "dossier clean", int(e["NPROC"]), pages, "pages", "dossier_clean.times", "wall")
d_cl1 = row("extract", "dossier clean", 1, pages, "pages", "dossier_clean_1t.times", "wall")
row("cluster", "dossier eval clusters", int(e["NPROC"]), ecb, "articles", "dossier_ecb.times", "wall")
row("cluster", "dossier eval clusters", int(e["NPROC"]), ecb, "articles", "dossier_ecb.self",
    "self-timed: analysis + clustering")
row("cluster", "dossier eval clusters", 1, ecb, "articles", "dossier_ecb_1t.times", "wall")
row("cluster", "dossier eval clusters", 1, ecb, "articles", "dossier_ecb_1t.self",
    "self-timed: analysis + clustering")

# Speed-up: dossier's throughput over the peer's (above 1: dossier is faster).
ratios = {
    "summarise_dossier_over_sumy_all_threads": ratio(d_sum, sumy),
    "summarise_dossier_over_sumy_1_thread": ratio(d_sum1, sumy),
    "extract_dossier_over_trafilatura_all_threads": ratio(d_cl, traf),
    "extract_dossier_over_trafilatura_1_thread": ratio(d_cl1, traf),
    "extract_dossier_over_trafilatura_self_timed_1_thread": ratio(d_cl1, traf_self),
}

print()
print(f"{'task':<10} {'system':<22} {'thr':>3} {'timing':<34} {'median s':>9} {'per s':>9}")
for r in rows:
    print(f"{r['task']:<10} {r['system']:<22} {r['threads']:>3} {r['timing']:<34} "
          f"{r['median_s']:>9.2f} {r['per_s']:>9.1f} {r['unit']}/s")
print()
print("speed-up (dossier throughput / peer throughput, wall time unless noted):")
for k, v in ratios.items():
    print(f"  {k:<54} {v}x")

report = {
    "machine": {"nproc": int(e["NPROC"]), "cpu": e["CPU"], "date": e["DATE"], "rustc": e["RUSTC_V"],
                "git_rev": e["REV"], "git_dirty": e["DIRTY"] == "true", "peers": e["PEER_V"]},
    "reps": int(e["REPS"]),
    "inputs": {"multinews_clusters": clusters, "html_pages": pages,
               "dossier_clean_articles": int(e["CLEAN_ARTICLES"]), "ecbplus_articles": ecb},
    "results": rows,
    "ratios": ratios,
}
with open(e["OUT"], "w") as f:
    json.dump(report, f, indent=2)
    f.write("\n")
print(f"\nwrote {e['OUT']}")
EOF
