#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The two set-up commands of the README, and the steps they share:
#   ./dev.sh demo    bootstrap, build, boot the default kernel, run scx_fifo under load
#   ./dev.sh test    bootstrap, build, run suites unit and vm
#   ./dev.sh build   bootstrap and build only
# Environment: SCOPEX_BUILD (build directory, default ./build), SCOPEX_CACHE (cache).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
BUILD="${SCOPEX_BUILD:-build}"

usage() {
	sed -n '3,8p' "$0" | sed 's/^# \{0,1\}//'
}

build() {
	tools/bootstrap.sh
	if [ ! -f "$BUILD/build.ninja" ]; then
		meson setup "$BUILD" >/dev/null
	fi
	echo "[dev] ninja -C $BUILD"
	ninja -C "$BUILD"
}

# meson's own summary is not a line CI reads: print 'N passed, N failed' from its log.
summary() {
	python3 - "$BUILD/meson-logs/testlog.json" <<'PY'
import json, sys
ok = bad = skip = 0
for line in open(sys.argv[1]):
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
	rc=0
	meson test -C "$BUILD" --suite unit --suite vm --print-errorlogs || rc=$?
	summary
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
