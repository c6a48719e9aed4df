#!/bin/sh
# Rebuilds this folder's compressed copy from the full data set (default ../shared/data beside the project):
#   data/extract.sh [FULL_DATA_DIR]
# Every file is copied unchanged (then gzip -9 -n, so the bytes do not depend on the time), except hourly/, of
# which only these bars are kept: the stress windows (from 14 days before window_start to 7 days after
# window_end), the stretches the full set's README documents (its bad bars and outages, USDT's 2018-12..2019-01
# premium, ETH's 2021-11/12 gap) so that the cleaning rules and the README's figures are tested on them, and
# every bar from 2025-01-01 (the BTC/ETH daily extension past daily/'s end, 2025-02-10).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${1:-$HERE/../../shared/data}
[ -d "$SRC/daily" ] || { echo "no full data set at $SRC" >&2; exit 1; }
cd "$HERE"
rm -rf daily daily_coingecko stablecoins vol_index options hourly
mkdir -p daily daily_coingecko stablecoins vol_index options hourly
for d in daily daily_coingecko stablecoins vol_index options; do
  for f in "$SRC/$d"/*.csv; do gzip -9 -n -c "$f" > "$d/$(basename "$f").gz"; done
done
cp "$SRC/stress_events.csv" "$SRC/qc_daily_close_vs_next_open.csv" .
# The kept hourly ranges, one "FROM TO" pair of dates a line (inclusive), from stress_events.csv.
RANGES=$(awk -F, 'NR > 1 { print $2, $3 }' "$SRC/stress_events.csv" | while read -r s e; do
  printf '%s %s\n' "$(date -u -d "$s -14 days" +%F)" "$(date -u -d "$e +7 days" +%F)"; done)
RANGES="$RANGES
2017-09-05 2017-09-07
2017-12-13 2017-12-15
2018-01-04 2018-01-06
2018-01-14 2018-01-16
2018-02-07 2018-02-10
2018-12-01 2019-01-31
2019-06-26 2019-06-27
2019-09-24 2019-09-24
2019-10-25 2019-10-26
2021-11-01 2022-01-03
2025-01-01 9999-12-31"
for f in "$SRC/hourly"/*.csv; do
  printf '%s\n' "$RANGES" | awk -v file="$f" '
    NR == FNR { from[NR] = $1; to[NR] = $2; n = NR; next }
    FNR == 1 { print; next }
    { d = substr($0, 1, 10); for (i = 1; i <= n; i++) if (d >= from[i] && d <= to[i]) { print; next } }
  ' - "$f" | gzip -9 -n > "hourly/$(basename "$f").gz"
done
