#!/usr/bin/env bash
# Quality gates: measure dossier on ../shared/data and fail when a figure falls
# below its floor. Floors sit a little under the figures measured when they were
# set (see the closing notes), so a regression fails CI while noise does not.
# Usage: scripts/quality-gates.sh [DATA_DIR]   (default ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

cargo build --release --locked --bin dossier
B=target/release/dossier

# floor NAME VALUE MIN: print the figure and fail below the floor.
fail=0
floor() {
  if awk -v v="$2" -v m="$3" 'BEGIN { exit !(v >= m) }'; then
    printf '  ok    %-28s %8s  (floor %s)\n' "$1" "$2" "$3"
  else
    printf '  FAIL  %-28s %8s  (floor %s)\n' "$1" "$2" "$3"; fail=1
  fi
}
field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

echo "-- summaries: multinews-dev, 250 words"
start=$(date +%s.%N)
$B summarize --clusters "$DATA/multinews-dev.jsonl" --words 250 > "$OUT/sys.jsonl"
end=$(date +%s.%N)
r=$($B eval rouge "$DATA/multinews-dev.jsonl" "$OUT/sys.jsonl")
echo "  $r  ($(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.2f", b-a}') s)"
floor "ROUGE-1" "$(echo "$r" | field rouge1)" "${GATE_ROUGE1:-45.0}"
floor "ROUGE-2" "$(echo "$r" | field rouge2)" "${GATE_ROUGE2:-15.5}"

echo "-- stories: ecbplus-dev"
c=$($B eval clusters "$DATA/ecbplus-dev.jsonl")
echo "  $c"
floor "ECB+ B-cubed F1" "$(echo "$c" | field f1)" "${GATE_ECB_F1:-0.91}"

echo "-- stories: multinews-dev, every document mixed"
m=$($B eval clusters "$DATA/multinews-dev.jsonl")
echo "  $m"
floor "Multi-News purity" "$(echo "$m" | field purity)" "${GATE_MN_PURITY:-0.92}"

echo "-- extraction: html-dev"
x=$($B eval extract --truth "$DATA/html-dev/ground-truth" --html "$DATA/html-dev/html")
echo "  $x"
floor "WCXB word-bag F1" "$(echo "$x" | field f1)" "${GATE_WCXB_F1:-0.95}"
floor "html-dev title accuracy" "$(echo "$x" | field title_accuracy)" "${GATE_TITLE:-0.89}"
floor "html-dev date accuracy" "$(echo "$x" | field date_accuracy)" "${GATE_DATE:-0.89}"

exit $fail
