# Sourced by the example tests: compare_with_one_run DIR SCENARIO REPLICATIONS
# runs SCENARIO once with REPLICATIONS replications and fails unless
# DIR/study.json and DIR/csv/ are byte-identical to that run's JSON and CSV.
compare_with_one_run() {
  local dir=$1 scenario=$2 replications=$3
  "$ACDSIM" run "$scenario" --replications "$replications" --threads 2 \
    --json "$dir/one.json" --csv "$dir/one" > /dev/null
  cmp "$dir/one.json" "$dir/study.json"
  for csv in intervals.csv contact_type_intervals.csv total_intervals.csv; do
    cmp "$dir/one/$csv" "$dir/csv/$csv"
  done
  echo "study.json and csv/ are byte-identical to one run of $replications replications"
}
