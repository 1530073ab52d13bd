#!/usr/bin/env bash
# Scale benchmark on a generated stream of realistic articles
# (dossier_store::sample: look-alike events told by several outlets,
# interleaved as a feed), three parts:
#
#  1. SQLite: articles/s when adding k = 100 at a time to a corpus of 10k and
#     100k articles (median of 7 timed batches at each size).
#  2. PostgreSQL: 1 worker and 2 workers ingesting N queued articles; the
#     median of R runs each, and the speed-up.
#  3. PostgreSQL, failure: 2 workers, one killed with SIGKILL every few
#     seconds and restarted; then the inputs lost, the articles stored twice
#     or left out of a story, and the B-cubed agreement of the stories with
#     a clean run's.
#
#   scripts/bench-scale.sh            # N=3000 R=3, corpus sizes 10k and 100k
#   QUICK=1 scripts/bench-scale.sh    # corpus sizes 2k and 10k, N=1500
#   N=20000 R=5 KILL_EVERY=5 scripts/bench-scale.sh
#   WORKER_THREADS=0 scripts/bench-scale.sh   # each worker on every core
#   KILLS_ONLY=1 N=60000 KILL_EVERY=30 scripts/bench-scale.sh
#       # part 3 alone, long enough for several kills: one clean run with 2
#       # workers as the reference, then the run with kills
#   BIG_ONLY=1 N=1000000 scripts/bench-scale.sh
#       # one long run with 2 workers alone: articles/s end to end (enqueue
#       # included) and each worker's peak memory (GNU time's maximum RSS)
#
# Workers scale out as processes: by default each runs on one thread
# (RAYON_NUM_THREADS=1), one worker per core, so "2 workers" means two
# cores' work, as on two machines.
#
# PostgreSQL runs on a throwaway cluster (scripts/pg-test-cluster.sh), so
# Debian's postgresql must be installed (scripts/install-test-deps.sh).
# Absolute figures drift on a shared machine: quote medians and ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--pg-part" ]; then
  pg_part=1
else
  pg_part=""
fi

QUICK="${QUICK:-}"
N="${N:-$([ -n "$QUICK" ] && echo 1500 || echo 3000)}"
R="${R:-3}"
KILL_EVERY="${KILL_EVERY:-2}"
KILLS_ONLY="${KILLS_ONLY:-}"
BIG_ONLY="${BIG_ONLY:-}"
SIZES="${SIZES:-$([ -n "$QUICK" ] && echo 2000,10000 || echo 10000,100000)}"
WORKER_THREADS="${WORKER_THREADS:-1}"
B=target/release/dossier
work="${TMPDIR:-/tmp}/dossier-bench-scale"

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
now() { date +%s.%N; }

reset_db() {
  psql -q "$DOSSIER_TEST_PG" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public" 2>/dev/null
}

# Run W workers until the queue is empty; prints the seconds taken.
run_workers() {
  local w="$1" start end
  start=$(now)
  for _ in $(seq "$w"); do
    RAYON_NUM_THREADS="$WORKER_THREADS" "$B" worker --db "$DOSSIER_TEST_PG" --until-empty 2>/dev/null &
  done
  wait
  end=$(now)
  echo "$end - $start" | bc -l
}

# B-cubed F1 of two "input<TAB>label" files over the inputs both hold (by
# file name, so stored sources and the stream's gold agree).
bcubed() {
  python3 - "$1" "$2" <<'PY'
import os, sys
from collections import Counter
def load(p):
    return {os.path.basename(k): v for k, v in
            (l.rstrip("\n").split("\t") for l in open(p) if l.strip())}
a, b = load(sys.argv[1]), load(sys.argv[2])
keys = [k for k in a if k in b]
ca, cb = Counter(a[k] for k in keys), Counter(b[k] for k in keys)
both = Counter((a[k], b[k]) for k in keys)
p = sum(both[(a[k], b[k])] / cb[b[k]] for k in keys) / len(keys)
r = sum(both[(a[k], b[k])] / ca[a[k]] for k in keys) / len(keys)
print(f"{2 * p * r / (p + r):.3f}")
PY
}

# source file name -> story id, of the current database.
assignments() {
  psql -At -F $'\t' "$DOSSIER_TEST_PG" -c \
    "SELECT a.source, sa.story_id FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
}

pg_workers() {
  echo "== PostgreSQL: $N queued articles, 1 and 2 workers ($WORKER_THREADS thread(s) each; 0 = all), $R runs each"
  for w in 1 2; do
    : >"$work/rates-$w"
    for r in $(seq "$R"); do
      reset_db
      "$B" ingest --db "$DOSSIER_TEST_PG" --enqueue "$work/stream" >/dev/null
      secs=$(run_workers "$w")
      rate=$(echo "$N / $secs" | bc -l)
      printf '   %d worker(s), run %d: %.1f s, %.0f articles/s\n' "$w" "$r" "$secs" "$rate"
      echo "$rate" >>"$work/rates-$w"
    done
    if [ "$w" = 1 ]; then assignments >"$work/clean.tsv"; fi
  done
  m1=$(median <"$work/rates-1")
  m2=$(median <"$work/rates-2")
  printf 'postgres: median %.0f articles/s with 1 worker, %.0f with 2: speed-up %.2fx\n' \
    "$m1" "$m2" "$(echo "$m2 / $m1" | bc -l)"
}

# One long run with 2 workers: the end-to-end rate, from the first enqueued
# input to the last story written, and each worker's peak resident memory.
pg_big() {
  echo "== PostgreSQL: $N queued articles, one run with 2 workers ($WORKER_THREADS thread(s) each)"
  reset_db
  local start enq_end end
  start=$(now)
  "$B" ingest --db "$DOSSIER_TEST_PG" --enqueue "$work/stream" >/dev/null
  enq_end=$(now)
  for w in 1 2; do
    RAYON_NUM_THREADS="$WORKER_THREADS" /usr/bin/time -f '%M' -o "$work/peak-$w" \
      "$B" worker --db "$DOSSIER_TEST_PG" --until-empty 2>/dev/null &
  done
  wait
  end=$(now)
  read -r articles stories < <(psql -At -F ' ' "$DOSSIER_TEST_PG" -c \
    "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM stories)")
  printf 'big: %d articles in %d stories; enqueue %.0f s, workers %.0f s; end to end %.0f articles/s\n' \
    "$articles" "$stories" "$(echo "$enq_end - $start" | bc -l)" "$(echo "$end - $enq_end" | bc -l)" \
    "$(echo "$N / ($end - $start)" | bc -l)"
  printf 'big: peak memory per worker %s MB and %s MB\n' \
    "$(($(cat "$work/peak-1") / 1024))" "$(($(cat "$work/peak-2") / 1024))"
  assignments >"$work/big.tsv"
  echo "big: stories vs the generated events, B-cubed F1 $(bcubed "$work/big.tsv" "$work/stream.gold.tsv")"
}

# The reference for part 3 alone: one clean run with 2 workers.
pg_clean() {
  echo "== PostgreSQL: $N queued articles, a clean run with 2 workers (the reference)"
  reset_db
  "$B" ingest --db "$DOSSIER_TEST_PG" --enqueue "$work/stream" >/dev/null
  secs=$(run_workers 2)
  printf '   2 workers: %.1f s, %.0f articles/s\n' "$secs" "$(echo "$N / $secs" | bc -l)"
  assignments >"$work/clean.tsv"
}

pg_kills() {
  echo "== PostgreSQL: 2 workers, one killed with SIGKILL every ${KILL_EVERY} s (lease 3 s)"
  reset_db
  "$B" ingest --db "$DOSSIER_TEST_PG" --enqueue "$work/stream" >/dev/null
  started=$(now)
  "$B" worker --db "$DOSSIER_TEST_PG" --until-empty --lease 3 2>/dev/null &
  steady=$!
  kills=0
  while kill -0 "$steady" 2>/dev/null; do
    "$B" worker --db "$DOSSIER_TEST_PG" --lease 3 2>/dev/null &
    victim=$!
    sleep "$KILL_EVERY"
    kill -KILL "$victim" 2>/dev/null && kills=$((kills + 1))
    wait "$victim" 2>/dev/null || true
  done
  wait "$steady" || true
  killed_secs=$(echo "$(now) - $started" | bc -l)
  # The killed worker's last leases may still run: finish the queue.
  sleep 4
  "$B" worker --db "$DOSSIER_TEST_PG" --until-empty --lease 3 2>/dev/null
  read -r done_inputs failed articles members distinct < <(psql -At -F ' ' "$DOSSIER_TEST_PG" -c \
    "SELECT (SELECT COUNT(*) FROM queue WHERE state = 'done'), \
            (SELECT COUNT(*) FROM queue WHERE state <> 'done'), \
            (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM story_articles), \
            (SELECT COUNT(DISTINCT article_id) FROM story_articles)")
  assignments >"$work/killed.tsv"
  bc3=$(bcubed "$work/clean.tsv" "$work/killed.tsv")
  gold_clean=$(bcubed "$work/clean.tsv" "$work/stream.gold.tsv")
  gold_killed=$(bcubed "$work/killed.tsv" "$work/stream.gold.tsv")
  printf 'killed: %.0f s with kills, %d workers killed; ' "$killed_secs" "$kills"
  echo "$done_inputs of $N inputs done, $failed not done (lost: $((N - done_inputs)))"
  echo "killed: $articles articles stored, $members story memberships, $distinct articles in a story (duplicated: $((members - distinct)), left out: $((articles - distinct)))"
  echo "killed: stories vs the clean run, B-cubed F1 $bc3 (vs the generated events: clean $gold_clean, killed $gold_killed)"
}

if [ -n "$pg_part" ]; then
  if [ -n "$BIG_ONLY" ]; then
    pg_big
    exit 0
  fi
  if [ -n "$KILLS_ONLY" ]; then
    pg_clean
  else
    pg_workers
  fi
  pg_kills
  exit 0
fi

echo "== build (release)"
cargo build --release --locked -p dossier-cli -p dossier-store --examples --bin dossier 2>&1 | tail -1
mkdir -p "$work"
echo "== machine: $(nproc) cores, $(uname -sr); $(date -u +%FT%TZ); git $(git rev-parse --short HEAD)"

if [ -z "$KILLS_ONLY$BIG_ONLY" ]; then
  echo "== SQLite: k = 100 at a time into a corpus of $SIZES articles (median of 7 batches)"
  target/release/examples/ingest_rate --k 100 --reps 7 --at "$SIZES"
fi

rm -rf "$work/stream" "$work/stream.gold.tsv"
target/release/examples/write_stream "$N" "$work/stream"
N=$N R=$R KILL_EVERY=$KILL_EVERY WORKER_THREADS=$WORKER_THREADS KILLS_ONLY=$KILLS_ONLY BIG_ONLY=$BIG_ONLY \
  scripts/pg-test-cluster.sh "$0" --pg-part
