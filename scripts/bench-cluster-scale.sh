#!/usr/bin/env bash
# Scale of incremental story grouping: streams of generated articles (perturbed
# Multi-News documents, each generated event renaming its actors and places)
# clustered by dossier-cluster's StoryIndex, at 10k, 100k and 1M articles.
# Reports per size: clustering throughput (articles/s, feature extraction and
# assignment, generation excluded), wall time, CPU time (the machine is often
# shared: CPU seconds show the cost apart from other jobs' load), peak memory
# (max RSS from /usr/bin/time -v) and B-cubed agreement with the generated events.
#
# Usage: scripts/bench-cluster-scale.sh [SIZES...]      (default: 10000 100000 1000000)
# Environment:
#   DATA=../shared/data                   where multinews-dev.jsonl is (invented text if missing)
#   OUT=target/bench-cluster-scale.json   where the JSON report goes
set -euo pipefail

caller=$PWD
root=$(cd "$(dirname "$0")/.." && pwd)
abspath() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$2/$1" ;; esac; }
if [ -n "${DATA:-}" ]; then DATA=$(abspath "$DATA" "$caller"); else DATA=$root/../shared/data; fi
if [ -n "${OUT:-}" ]; then OUT=$(abspath "$OUT" "$caller"); else OUT=$root/target/bench-cluster-scale.json; fi
cd "$root"

die() { echo "bench-cluster-scale: $*" >&2; exit 2; }
[ -x /usr/bin/time ] || die "needs /usr/bin/time (GNU time) for peak memory"
command -v python3 >/dev/null || die "python3 is needed to assemble the report"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
for n in "${sizes[@]}"; do
  case $n in '' | *[!0-9]*) die "sizes must be positive integers, not '$n'" ;; esac
done
SRC=$DATA/multinews-dev.jsonl
[ -f "$SRC" ] || { echo "bench-cluster-scale: $SRC missing, using invented text" >&2; SRC=; }

echo "== cargo build --release -p dossier-cluster --example scale"
cargo build --release -p dossier-cluster --example scale
B=$root/target/release/examples/scale

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== load before the runs: $LOAD_BEFORE on $(nproc) cores"
for n in "${sizes[@]}"; do
  echo "== $n articles"
  /usr/bin/time -v "$B" "$n" ${SRC:+"$SRC"} >"$W/$n.json" 2>"$W/$n.err" || { tail -n 20 "$W/$n.err" >&2; die "scale $n failed"; }
  grep -E '^  [0-9]+ articles' "$W/$n.err" || true
  cat "$W/$n.json"
done

W=$W OUT=$OUT SIZES="${sizes[*]}" NPROC=$(nproc) LOAD="$LOAD_BEFORE" \
  CPU="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
  DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ) python3 - <<'PY'
import json, os, re
e = os.environ
rows = []
for n in e["SIZES"].split():
    r = json.load(open(f"{e['W']}/{n}.json"))
    err = open(f"{e['W']}/{n}.err").read()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", err).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", err).group(1)
    secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall.split(":"))))
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", err).group(1))
    sys_ = float(re.search(r"System time \(seconds\): ([\d.]+)", err).group(1))
    cpu_pct = re.search(r"Percent of CPU this job got: (\d+)%", err).group(1)
    # CPU seconds tell the cost apart from the load other jobs put on the machine.
    r.update({"peak_rss_mb": round(rss / 1024, 1), "process_wall_s": round(secs, 2),
              "process_cpu_s": round(user + sys_, 2), "cpu_percent": int(cpu_pct),
              "articles_per_cpu_s": round(r["articles"] / max(user + sys_, 1e-9))})
    rows.append(r)
print()
print(f"{'articles':>9} {'stories':>8} {'cluster/s':>10} {'wall/s':>8} {'wall s':>8} {'cpu s':>8} {'cpu%':>5} "
      f"{'/cpu s':>8} {'peak MB':>8} {'B3 F1':>6}")
for r in rows:
    print(f"{r['articles']:>9} {r['stories']:>8} {r['cluster_articles_per_s']:>10.0f} "
          f"{r['wall_articles_per_s']:>8.0f} {r['process_wall_s']:>8.1f} {r['process_cpu_s']:>8.1f} "
          f"{r['cpu_percent']:>5} {r['articles_per_cpu_s']:>8.0f} {r['peak_rss_mb']:>8.1f} {r['bcubed_f1']:>6.3f}")
rep = {"machine": {"nproc": int(e["NPROC"]), "cpu": e["CPU"], "load_before": e["LOAD"], "date": e["DATE"]},
       "runs": rows}
os.makedirs(os.path.dirname(e["OUT"]), exist_ok=True)
json.dump(rep, open(e["OUT"], "w"), indent=2)
print(f"\nwrote {e['OUT']}")
PY
