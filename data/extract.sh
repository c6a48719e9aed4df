#!/bin/sh
# Rebuilds this folder's compressed copy from the full data set (default ../shared/data beside the project):
#   data/extract.sh [FULL_DATA_DIR]
# Every file is copied unchanged (then gzip -9 -n, so the bytes do not depend on the time), except hourly/, of
# which only the bars of the stress windows are kept (from 14 days before window_start to 7 days after
# window_end) plus every bar from 2025-01-01 (the BTC/ETH daily extension past daily/'s end, 2025-02-10).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${1:-$HERE/../../shared/data}
[ -d "$SRC/daily" ] || { echo "no full data set at $SRC" >&2; exit 1; }
cd "$HERE"
rm -rf daily stablecoins vol_index options hourly
mkdir -p daily stablecoins vol_index options hourly
for d in daily stablecoins vol_index options; do
  for f in "$SRC/$d"/*.csv; do gzip -9 -n -c "$f" > "$d/$(basename "$f").gz"; done
done
cp "$SRC/stress_events.csv" "$SRC/qc_daily_close_vs_next_open.csv" .
# The kept hourly ranges, one "FROM TO" pair of dates a line (inclusive), from stress_events.csv.
RANGES=$(awk -F, 'NR > 1 { print $2, $3 }' "$SRC/stress_events.csv" | while read -r s e; do
  printf '%s %s\n' "$(date -u -d "$s -14 days" +%F)" "$(date -u -d "$e +7 days" +%F)"; done)
RANGES="$RANGES
2025-01-01 9999-12-31"
for f in "$SRC/hourly"/*.csv; do
  printf '%s\n' "$RANGES" | awk -v file="$f" '
    NR == FNR { from[NR] = $1; to[NR] = $2; n = NR; next }
    FNR == 1 { print; next }
    { d = substr($0, 1, 10); for (i = 1; i <= n; i++) if (d >= from[i] && d <= to[i]) { print; next } }
  ' - "$f" | gzip -9 -n > "hourly/$(basename "$f").gz"
done
