#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The two set-up commands of the README, and the steps they share:
#   ./dev.sh demo    bootstrap, build, boot the default kernel, run scx_fifo under load
#   ./dev.sh test    bootstrap, build, run suites unit and vm; suite unit again in a
#                    second build with AddressSanitizer and UndefinedBehaviorSanitizer
#   ./dev.sh build   bootstrap and build only
# Environment: SCOPEX_BUILD (build directory, default ./build), SCOPEX_ASAN_BUILD (the
# sanitizer build, default BUILD-asan), SCOPEX_CACHE (cache).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
BUILD="${SCOPEX_BUILD:-build}"
ASAN_BUILD="${SCOPEX_ASAN_BUILD:-$BUILD-asan}"

usage() {
	sed -n '3,10p' "$0" | sed 's/^# \{0,1\}//'
}

build() {
	tools/bootstrap.sh
	if [ ! -f "$BUILD/build.ninja" ]; then
		meson setup "$BUILD" >/dev/null
	fi
	echo "[dev] ninja -C $BUILD"
	ninja -C "$BUILD"
}

# Suite unit under ASan and UBSan: any report fails the test (halt_on_error).
sanitized_unit() {
	if [ ! -f "$ASAN_BUILD/build.ninja" ]; then
		meson setup "$ASAN_BUILD" -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
	fi
	echo "[dev] ninja -C $ASAN_BUILD (AddressSanitizer + UndefinedBehaviorSanitizer)"
	ninja -C "$ASAN_BUILD"
	ASAN_OPTIONS=halt_on_error=1:abort_on_error=1:detect_leaks=1 \
	UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1 \
		meson test -C "$ASAN_BUILD" --suite unit --print-errorlogs
}

# meson's own summary is not a line CI reads: print 'N passed, N failed' from the logs
# of the build directories given.
summary() {
	python3 - "${@/%//meson-logs/testlog.json}" <<'PY'
import json, os, sys
ok = bad = skip = 0
for line in (l for f in sys.argv[1:] if os.path.exists(f) for l in open(f)):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL"):
        ok += 1
    elif r == "SKIP":
        skip += 1
    else:
        bad += 1
print(f"scopex tests: {ok} passed, {bad} failed" + (f", {skip} skipped" if skip else ""))
PY
}

case "${1:-}" in
demo)
	build
	exec "$BUILD/tools/scopex/scopex" vm --timeout 300 -- tests/demo.sh "$BUILD"
	;;
test)
	build
	# A Debian release the scope table does not hold, for the no-proto-7.1.3 VM test.
	tools/bootstrap.sh --kernels 7.1.3
	rc=0
	meson test -C "$BUILD" --suite unit --suite vm --print-errorlogs || rc=$?
	sanitized_unit || rc=$?
	summary "$BUILD" "$ASAN_BUILD"
	exit $rc
	;;
build)
	build
	;;
-h|--help|help)
	usage
	;;
*)
	usage >&2
	exit 2
	;;
esac
