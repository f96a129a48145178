#!/bin/sh
# Derives btc-usd-daily.csv: the last 1,001 daily closes of BTC/USD (2022-12-29 .. 2025-09-24) turned into 1,000
# simple close-to-close returns r_t = close_t / close_{t-1} - 1, printed with 17 significant digits (exact doubles).
# Source and licence: Models/README.md (VaR section). Usage: sh derive-btc-usd-daily.sh > btc-usd-daily.csv
set -eu
source_file="${1:-/work/shared/data/prices/unlicensed/BTCUSD_1d_candles_full.csv}"
tail -n 1001 "$source_file" | awk -F, '
    BEGIN { print "date,BTC" }
    NR > 1 { printf "%s,%.17g\n", substr($1, 1, 10), $3 / previous - 1 }
    { previous = $3 }
'
