#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Prepare a fresh Debian 12 machine for scopex: apt suites and pins, packages, a matched
# libbpf + bpftool built from the kernel's own sources, vmlinux.h, the sched_ext kernel
# images the VM runner boots, and virtiofsd (the guest's root file system is the host's,
# shared read-only through virtio-fs).
#
# Idempotent: every artifact is built in a temporary directory inside the cache and renamed
# into place when complete, so an interrupted run leaves nothing half-written and the next
# run reuses what is there.
#
# Cache: $SCOPEX_CACHE, else $XDG_CACHE_HOME/scopex, else ~/.cache/scopex.
set -euo pipefail

# The scope table's kernels (include/scx/scope_table.h is the one list of them).
ALL_KERNELS=$(sed -n 's/^SCX_KERNEL([0-9]*,[[:space:]]*"\([0-9.]*\)".*/\1/p' \
	"$(dirname "$0")/../include/scx/scope_table.h" | tr '\n' ' ')
ALL_KERNELS=${ALL_KERNELS% }
[ -n "$ALL_KERNELS" ] ||
	{ echo "bootstrap: no SCX_KERNEL rows in include/scx/scope_table.h" >&2; exit 1; }
KERNELS="${SCOPEX_KERNELS:-$ALL_KERNELS}"
CACHE="${SCOPEX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/scopex}"
SRC_PKG=linux-source-7.3
APT_PKGS="clang-19 llvm-19 lld-19 libelf-dev zlib1g-dev libzstd-dev libcap-dev pkg-config
	make gcc python3 busybox-static stress-ng rt-tests gnuplot-nox xz-utils zstd cpio
	libseccomp2 libcap-ng0 valgrind libclang-rt-19-dev"
BPO_PKGS="meson ninja-build qemu-system-x86 linux-perf"

usage() {
	cat <<EOF
usage: tools/bootstrap.sh [--kernels "VER..."] [--print-cache] [--help]

Prepares this machine and the cache ($CACHE) for scopex.
  --kernels LIST   kernels to fetch (default: all: $ALL_KERNELS);
                   any other Debian release of their series works too (e.g. 7.1.3),
                   for \`scopex vm --kernel\`; also settable with SCOPEX_KERNELS
  --print-cache    print the cache directory and exit
Environment: SCOPEX_CACHE overrides the cache directory.
EOF
}

while [ $# -gt 0 ]; do
	case "$1" in
	--kernels) KERNELS="$2"; shift 2 ;;
	--print-cache) echo "$CACHE"; exit 0 ;;
	-h|--help) usage; exit 0 ;;
	*) echo "bootstrap: unknown option '$1'" >&2; usage >&2; exit 2 ;;
	esac
done

# A table kernel, or MAJOR.MINOR.PATCH of a table kernel's series.
series_known() {
	local t
	for t in $ALL_KERNELS; do
		[ "$1" = "$t" ] && return 0
		case "$1" in
		"${t%.*}".[0-9] | "${t%.*}".[0-9][0-9] | "${t%.*}".[0-9][0-9][0-9]) return 0 ;;
		esac
	done
	return 1
}
for k in $KERNELS; do
	series_known "$k" || { echo "bootstrap: unknown kernel '$k' (known: $ALL_KERNELS," \
		"or another release of their series, e.g. 7.1.3)" >&2; exit 2; }
done

T0=$(date +%s)
step() { printf '[bootstrap %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
die() { echo "bootstrap: error: $*" >&2; exit 1; }

# A scratch directory inside the cache, so that rename() into place is atomic.
mkdir -p "$CACHE"
SCRATCH=$(mktemp -d "$CACHE/.tmp.XXXXXX")
trap 'rc=$?; rm -rf "$SCRATCH"; [ $rc = 0 ] ||
	echo "bootstrap: failed (exit $rc); $CACHE holds only complete artifacts" >&2' EXIT

# Replace DEST with the complete directory SRC in one rename.
publish() {
	local src="$1" dest="$2"
	rm -rf "$dest.old"
	[ -e "$dest" ] && mv "$dest" "$dest.old"
	mv "$src" "$dest"
	rm -rf "$dest.old"
}

# --- apt suites -------------------------------------------------------------------------
# The URI comes from the machine's own bookworm source; no registry host is named here.
bookworm_uri() {
	local f uri
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		uri=$(awk '/^URIs:/ {u = $2} /^Suites:/ && $0 ~ /[ \t]bookworm([ \t]|$)/ {print u; exit}' "$f")
		[ -n "$uri" ] && { echo "$uri"; return; }
	done
	if [ -f /etc/apt/sources.list ]; then
		awk '$1 == "deb" && $3 == "bookworm" {print $2; exit}' /etc/apt/sources.list
	fi
}

setup_apt() {
	local uri sources pins changed=0
	uri=$(bookworm_uri)
	[ -n "$uri" ] || die "no bookworm entry in the apt sources; cannot add the suites"
	sources="Types: deb
URIs: $uri
Suites: bookworm-backports trixie trixie-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg"
	# trixie is pinned to 1: we only ever 'apt-get download' from it.
	pins="Package: *
Pin: release n=trixie
Pin-Priority: 1

Package: *
Pin: release n=trixie-backports
Pin-Priority: 1"
	if [ "$(cat /etc/apt/sources.list.d/scopex.sources 2>/dev/null)" != "$sources" ]; then
		printf '%s\n' "$sources" > /etc/apt/sources.list.d/scopex.sources
		changed=1
	fi
	if [ "$(cat /etc/apt/preferences.d/scopex-pin 2>/dev/null)" != "$pins" ]; then
		printf '%s\n' "$pins" > /etc/apt/preferences.d/scopex-pin
		changed=1
	fi
	if [ $changed = 1 ] || ! apt-cache show "$SRC_PKG" >/dev/null 2>&1; then
		step "apt-get update"
		apt-get update -qq
	fi
}

missing_pkgs() {
	local p
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
			echo "$p"
	done
}

install_pkgs() {
	local miss bpo
	miss=$(missing_pkgs $APT_PKGS)
	bpo=$(missing_pkgs $BPO_PKGS)
	[ -z "$miss$bpo" ] && { step "packages: all present"; return; }
	[ "$(id -u)" = 0 ] || die "packages missing ($miss $bpo) and not root: install them first"
	setup_apt
	export DEBIAN_FRONTEND=noninteractive
	if [ -n "$miss" ]; then
		step "apt-get install" $miss
		apt-get install -y -qq --no-install-recommends $miss >/dev/null
	fi
	if [ -n "$bpo" ]; then
		step "apt-get install -t bookworm-backports" $bpo
		apt-get install -y -qq --no-install-recommends -t bookworm-backports $bpo >/dev/null
	fi
}

# --- downloads --------------------------------------------------------------------------
# download PKG: fetch PKG's .deb into $CACHE/debs once; prints its path.
download() {
	local pkg="$1" name f
	name=${pkg%%[=/]*}
	f=$(ls "$CACHE"/debs/"$name"_*.deb 2>/dev/null | head -n1 || true)
	if [ -z "$f" ]; then
		mkdir -p "$CACHE/debs" "$SCRATCH/dl"
		(cd "$SCRATCH/dl" && apt-get download -q "$pkg" >/dev/null 2>&1) ||
			die "apt-get download $pkg failed (no such Debian package, or the" \
				"trixie-backports suite is unreachable: apt-cache policy $pkg)"
		f=$(ls "$SCRATCH"/dl/*.deb)
		mv "$f" "$CACHE/debs/"
		f="$CACHE/debs/$(basename "$f")"
	fi
	echo "$f"
}

kernel_pkg() {
	case "$1" in
	6.16.*|6.17.*|6.18.*) echo "linux-image-$1+deb13-cloud-amd64" ;;
	*) echo "linux-binary-$1+deb13-cloud-amd64" ;;
	esac
}

fetch_kernel() {
	local ver="$1" deb x z
	[ -f "$CACHE/kernels/$ver/vmlinuz" ] && [ -f "$CACHE/kernels/$ver/vmlinux" ] && return
	step "kernel $ver: download and unpack"
	deb=$(download "$(kernel_pkg "$ver")")
	x="$SCRATCH/k-$ver"
	mkdir -p "$x/out" "$x/root"
	dpkg-deb -x "$deb" "$x/root"
	z=$(find "$x/root" -name 'vmlinuz*' -type f | head -n1)
	[ -n "$z" ] || die "no vmlinuz in $deb"
	cp "$z" "$x/out/vmlinuz"
	c=$(find "$x/root" -name 'config-*' -type f | head -n1)
	[ -n "$c" ] && cp "$c" "$x/out/config"
	# The uncompressed vmlinux keeps .BTF: the scope table is checked against it.
	sh "$SRC/scripts/extract-vmlinux" "$x/out/vmlinuz" > "$x/out/vmlinux" 2>/dev/null ||
		die "extract-vmlinux failed for $ver"
	echo "$ver" > "$x/out/version"
	mkdir -p "$CACHE/kernels"
	publish "$x/out" "$CACHE/kernels/$ver"
	rm -rf "$x"
}

# --- kernel sources, libbpf, bpftool ----------------------------------------------------
fetch_source() {
	SRC="$CACHE/src/linux-source-7.3"
	[ -f "$SRC/Makefile" ] && return
	local deb x
	deb=$(download "$SRC_PKG")
	step "linux-source-7.3: unpack (about 20 s)"
	x="$SCRATCH/src"
	mkdir -p "$x"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$x" ./usr/src/linux-source-7.3.tar.xz
	tar -xJf "$x/usr/src/linux-source-7.3.tar.xz" -C "$x"
	mkdir -p "$CACHE/src"
	publish "$x/linux-source-7.3" "$SRC"
	rm -rf "$x"
}

build_toolchain() {
	local tc="$CACHE/toolchain" x
	[ -x "$tc/bin/bpftool" ] && [ -f "$tc/lib/libbpf.a" ] && return
	x="$SCRATCH/tc"
	mkdir -p "$x/libbpf-obj" "$x/bpftool-obj" "$x/out/bin" "$x/out/lib" "$x/out/include"
	step "libbpf 1.8: build from linux-source-7.3"
	make -s -C "$SRC/tools/lib/bpf" -j"$(nproc)" BUILD_STATIC_ONLY=1 \
		OUTPUT="$x/libbpf-obj/" DESTDIR="$x/inst" prefix=/ install >/dev/null
	cp "$x"/inst/lib*/libbpf.a "$x/out/lib/"
	cp -r "$x/inst/include/bpf" "$x/out/include/"
	step "bpftool 7.8: build from linux-source-7.3"
	make -s -C "$SRC/tools/bpf/bpftool" -j"$(nproc)" CLANG=clang-19 LLC=llc-19 \
		LLVM_STRIP=llvm-strip-19 OUTPUT="$x/bpftool-obj/" >/dev/null
	cp "$x/bpftool-obj/bpftool" "$x/out/bin/"
	"$x/out/bin/bpftool" version >/dev/null || die "the bpftool just built does not run"
	publish "$x/out" "$tc"
}

fetch_vmlinux_h() {
	local deb x
	[ -f "$CACHE/include/vmlinux.h" ] && return
	step "vmlinux.h (linux-bpf-dev 7.3.4)"
	deb=$(download "linux-bpf-dev=7.3.4-1~bpo13+1")
	x="$SCRATCH/bpfdev"
	mkdir -p "$x"
	dpkg-deb -x "$deb" "$x/root"
	mkdir -p "$x/out"
	cp "$(find "$x/root" -name vmlinux.h | head -n1)" "$x/out/vmlinux.h"
	publish "$x/out" "$CACHE/include"
}

# virtiofsd is only packaged in trixie; it runs with trixie's own loader and libc, kept
# beside it, so the host's libc is left alone.
fetch_virtiofsd() {
	local x
	[ -x "$CACHE/virtiofsd/virtiofsd" ] && return
	step "virtiofsd (trixie) with its libc"
	x="$SCRATCH/vfs"
	mkdir -p "$x/out/lib" "$x/root" "$x/libc"
	dpkg-deb -x "$(download virtiofsd)" "$x/root"
	dpkg-deb -x "$(download libc6/trixie)" "$x/libc"
	cp "$x/root/usr/libexec/virtiofsd" "$x/out/virtiofsd.bin"
	cp -a "$x"/libc/usr/lib/x86_64-linux-gnu/*.so* "$x/out/lib/"
	cat > "$x/out/virtiofsd" <<'EOF'
#!/bin/sh
d=$(dirname "$(readlink -f "$0")")
exec "$d/lib/ld-linux-x86-64.so.2" --library-path "$d/lib:/lib/x86_64-linux-gnu:/usr/lib/x86_64-linux-gnu" \
	"$d/virtiofsd.bin" "$@"
EOF
	chmod +x "$x/out/virtiofsd"
	"$x/out/virtiofsd" --version >/dev/null || die "virtiofsd does not run"
	publish "$x/out" "$CACHE/virtiofsd"
}

step "cache: $CACHE"
install_pkgs
if ! apt-cache show "$SRC_PKG" >/dev/null 2>&1; then
	[ "$(id -u)" = 0 ] || die "the trixie-backports suite is not configured and not root"
	setup_apt
fi
fetch_source
build_toolchain
fetch_vmlinux_h
fetch_virtiofsd
for k in $KERNELS; do
	fetch_kernel "$k"
done
step "done"
