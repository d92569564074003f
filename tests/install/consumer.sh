#!/usr/bin/env bash
# Installs the build tree into a scratch prefix (cmake --install), checks the layout, then builds
# tests/install/consumer/main.cpp against it both ways a user would — find_package(netdiag) and
# pkg-config — and runs each result.
#   consumer.sh BUILD_DIR CXX
set -euo pipefail
build_dir=$1 cxx=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
failures=0
check() {  # DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then echo "PASS: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}

cmake --install "$build_dir" --prefix "$prefix" >"$work/install.log"
libdir=$(cd "$prefix" && find . -name 'libnetdiag.so.*.*' -printf '%h\n' | head -n 1)
libdir=${libdir#./}
check "the library is installed with its SONAME link and dev link (in $libdir)" \
  test -L "$prefix/$libdir/libnetdiag.so" -a -L "$prefix/$libdir/libnetdiag.so.1"
check "its SONAME is libnetdiag.so.1" \
  bash -c "objdump -p '$prefix/$libdir/libnetdiag.so' | grep -q 'SONAME *libnetdiag.so.1$'"
check "public headers" test -f "$prefix/include/netdiag/wire/dns_message.hpp"
check "CMake package" test -f "$prefix/$libdir/cmake/netdiag/netdiagConfig.cmake"
check "pkg-config file" test -f "$prefix/$libdir/pkgconfig/netdiag.pc"
for tool in nd-ping nd-trace nd-tcp nd-arp nd-dns netdiag; do
  check "$tool and its man page" test -x "$prefix/bin/$tool" -a -f "$prefix/share/man/man1/$tool.1"
done
check "bash completion" test -f "$prefix/share/bash-completion/completions/nd-ping"
check "zsh completion" test -f "$prefix/share/zsh/site-functions/_netdiag"
check "fish completions" test -f "$prefix/share/fish/vendor_completions.d/nd-dns.fish"
check "JSON schemas" test -f "$prefix/share/netdiag/schemas/netdiag.ping-1.schema.json"

run_consumer() {  # WAY BINARY
  local out
  out=$(LD_LIBRARY_PATH="$prefix/$libdir" "$2" 2>&1) || { echo "$1: consumer failed: $out"; return 1; }
  echo "$1: $out"
  [[ $out == "libnetdiag 0.1.0: 42-byte query for www.plain.lab., address 198.18.53.80" ]]
}

# find_package(netdiag) → netdiag::netdiag
if cmake -S "$here/consumer" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx" \
     >"$work/cmake.log" 2>&1 && cmake --build "$work/cmake-build" >>"$work/cmake.log" 2>&1; then
  check "find_package(netdiag): the consumer builds and runs" run_consumer cmake "$work/cmake-build/consumer"
else
  cat "$work/cmake.log"
  check "find_package(netdiag): the consumer builds" false
fi

# pkg-config (the headers need C++23)
if flags=$(PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig" pkg-config --cflags --libs netdiag) &&
   "$cxx" -std=c++23 -o "$work/pc-consumer" "$here/consumer/main.cpp" $flags 2>"$work/pc.log"; then
  check "pkg-config netdiag ($flags): the consumer builds and runs" run_consumer pkg-config "$work/pc-consumer"
else
  cat "$work/pc.log" 2>/dev/null || true
  check "pkg-config netdiag: the consumer builds" false
fi

echo "# $failures failed"
((failures == 0))
