#!/bin/sh
# Build the libFuzzer targets with clang in build-fuzz and run each for a
# bounded time: tests/fuzz/run.sh [SECONDS] (default 30). Crashes are saved
# in build-fuzz/crashes/<target>/; exit status 1 when one was found.
# SPDX-License-Identifier: MIT
set -e
SECS=${1:-30}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
B="$TOP/build-fuzz"
cd "$TOP"
if [ ! -f "$B/build.ninja" ]; then
    CC=clang meson setup "$B" -Dfuzz=true -Db_sanitize=address,undefined \
        -Db_lundef=false -Dbuildtype=debugoptimized \
        -Dc_args=-fsanitize=fuzzer-no-link
fi
ninja -C "$B" -j2
status=0
for t in fuzz-qmp-stream fuzz-qmp-dispatch fuzz-config fuzz-expr \
    fuzz-machine; do
    name=${t#fuzz-}
    corpus="$B/corpus/$name"
    crashes="$B/crashes/$t"
    mkdir -p "$corpus" "$crashes"
    echo "fuzz: $t for ${SECS}s"
    if ! ASAN_OPTIONS=detect_leaks=1 "$B/tests/fuzz/$t" "$corpus" \
        "$TOP/tests/fuzz/corpus/$name" -max_total_time="$SECS" -max_len=4096 \
        -rss_limit_mb=1024 -artifact_prefix="$crashes/" -print_final_stats=1 \
        >"$B/$t.log" 2>&1; then
        echo "fuzz: $t FAILED (see $B/$t.log, $crashes)"
        tail -30 "$B/$t.log"
        status=1
    else
        grep -E "^stat::number_of_executed_units|^#.*DONE" "$B/$t.log" || true
    fi
done
exit $status
