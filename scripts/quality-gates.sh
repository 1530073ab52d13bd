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
# ceiling NAME VALUE MAX: print the figure and fail above the ceiling.
ceiling() {
  if awk -v v="$2" -v m="$3" 'BEGIN { exit !(v <= m) }'; then
    printf '  ok    %-28s %8s  (ceiling %s)\n' "$1" "$2" "$3"
  else
    printf '  FAIL  %-28s %8s  (ceiling %s)\n' "$1" "$2" "$3"; fail=1
  fi
}
# pooled NAME LINE: the share in "NAME h/t (0.72)" of a gold_eval pooled line.
pooled() { echo "$2" | python3 -c 'import re,sys; m=re.search(r"\b"+re.escape(sys.argv[1])+r" (\d+)/(\d+)", sys.stdin.read()); print(round(int(m[1])/max(int(m[2]),1),4))' "$1"; }
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
floor "WCXB word-bag F1" "$(echo "$x" | field f1)" "${GATE_WCXB_F1:-0.955}"
floor "html-dev title accuracy" "$(echo "$x" | field title_accuracy)" "${GATE_TITLE:-0.90}"
floor "html-dev date accuracy" "$(echo "$x" | field date_accuracy)" "${GATE_DATE:-0.89}"

echo "-- cross-source: gold-dev clusters (../shared/tools/gold_eval.sh)"
TOOLS="$DATA/../tools"
# The tool exits 1 while its own (higher) goals are short; the floors below decide.
g=$("$TOOLS/gold_eval.sh" "$B" | grep '^pooled:' || true)
[ -n "$g" ] || { echo "  FAIL  gold_eval.sh printed no pooled line"; fail=1; }
echo "  $g"
floor "gold junk removed" "$(pooled junk "$g")" "${GATE_JUNK:-0.91}"
floor "gold article lines kept" "$(pooled keep "$g")" "${GATE_KEEP:-0.99}"
floor "gold alias pairs" "$(pooled alias "$g")" "${GATE_ALIAS:-0.76}"
floor "gold facts found" "$(pooled facts "$g")" "${GATE_FACTS:-0.68}"
floor "gold facts exact" "$(pooled facts_exact "$g")" "${GATE_FACTS_EXACT:-0.50}"
ceiling "gold facts extra docs" "$(pooled facts_extra "$g")" "${GATE_FACTS_EXTRA:-0.06}"
floor "gold conflicts found" "$(pooled conflicts "$g")" "${GATE_CONFLICTS:-0.40}"
floor "gold conflict precision" "$(pooled conflict_precision "$g")" "${GATE_CONFLICT_PREC:-0.70}"
floor "gold quotes" "$(pooled quotes "$g")" "${GATE_QUOTES:-0.78}"
floor "gold timeline" "$(pooled timeline "$g")" "${GATE_TIMELINE:-0.80}"
floor "gold summary points" "$(pooled summary_facts "$g")" "${GATE_SUMMARY:-0.82}"

echo "-- corroboration: SummHay-news (../shared/tools/summhay_eval.sh)"
h=$("$TOOLS/summhay_eval.sh" "$B" | tail -1 || true)
echo "  $h"
sh_field() { echo "$h" | python3 -c 'import re,sys; t=sys.stdin.read(); print({"found": re.search(r"\(([\d.]+)\)", t)[1], "exact": re.search(r"cited exactly ([\d.]+)", t)[1], "false": re.search(r"false corroboration ([\d.]+)", t)[1]}[sys.argv[1]])' "$1"; }
floor "SummHay shared found" "$(sh_field found)" "${GATE_SH_FOUND:-0.83}"
floor "SummHay cited exactly" "$(sh_field exact)" "${GATE_SH_EXACT:-0.84}"
ceiling "SummHay false corroboration" "$(sh_field false)" "${GATE_SH_FALSE:-0.15}"

exit $fail
