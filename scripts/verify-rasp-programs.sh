#!/bin/bash
# Compiles the standard RASP programs (Tracr's library and the paper's) into transformers
# and verifies each against the interpreter: exhaustively up to length 5..8 (or on random
# samples where there are more than 10^5 inputs), then on random samples at 32 and 64.
# Usage: scripts/verify-rasp-programs.sh [TFC] [SAMPLES] [LENGTHS...]
# ONLY=REGEX restricts the run to the programs whose name matches.
set -u
TFC=${1:-build/bin/tfc}
SAMPLES=${2:-10000}
shift 2 2>/dev/null
LENGTHS=${*:-5 6 7 8 32 64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name|vocab|program (N is replaced by the maximum length)
programs='length|a,b,c,d|make_length()
reverse|1,2,3|make_reverse(tokens)
hist|a,b,c,d|make_hist()
double_hist|a,b,c,d|make_double_hist()
sort_unique|1,2,3,4,5|make_sort_unique(tokens, tokens)
sort|1,2,3,4,5|make_sort(tokens, tokens_int, N, 1)
sort_freq|a,b,c,d|make_sort_freq(N)
most_freq|a,b,c,d|make_sort_by_most_freq("-", N)
frac_prevs|a,b,c,x|make_frac_prevs(tokens == "x")
pair_balance|(,)|make_pair_balance(tokens, "(", ")")
shuffle_dyck2|(,),{,}|make_shuffle_dyck(["()", "{}"])
shuffle_dyck3|(,),{,},[,]|make_shuffle_dyck(["()", "{}", "[]"])
dyck1_ptf|(,)|make_dyck1_ptf()
dyck2_ptf|(,),{,}|make_dyck2_ptf()'

failures=0
while IFS='|' read -r name vocab expr; do
  [[ -z "${ONLY:-}" || "$name" =~ $ONLY ]] || continue
  for n in $LENGTHS; do
    echo "result = ${expr//N/$n};" > "$work/$name.rasp"
    out=$("$TFC" rasp "$work/$name.rasp" --compile --vocab "$vocab" --max-seq-len "$n" \
          --samples "$SAMPLES" --verify 2>&1)
    status=$?
    echo "$name (max_seq_len $n): $(echo "$out" | tail -1)"
    [ $status -eq 0 ] || { failures=$((failures + 1)); echo "$out" | head -5; }
  done
done <<< "$programs"
echo "$failures failed"
[ $failures -eq 0 ]
