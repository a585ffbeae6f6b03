#!/usr/bin/env bash
# Builds the JNI shim of platform_log.c (the C library's log; the native BLAS's thread count) into OUT_DIR/native/<os.name>-<os.arch>/ when a C compiler and the
# JDK's headers are present. Without them the service falls back to Math.log (see PlatformLog) and says so
# in its log; with RNN_REQUIRE_NATIVE=true (CI sets it) a missing compiler is an error instead.
# usage: build.sh OUT_DIR JAVA_HOME OS_ARCH
set -euo pipefail
out=$1 java_home=$2 arch=$3
here=$(cd "$(dirname "$0")" && pwd)
require=${RNN_REQUIRE_NATIVE:-false}

skip() {
  if [[ "$require" == "true" ]]; then echo "platform_log: $1 (RNN_REQUIRE_NATIVE=true)" >&2; exit 1; fi
  echo "platform_log: $1; randn falls back to Math.log"
  exit 0
}

[[ "$(uname -s)" == "Linux" ]] || skip "not Linux"
cc=${CC:-gcc}
command -v "$cc" >/dev/null 2>&1 || skip "no C compiler ($cc)"
[[ -f "$java_home/include/jni.h" ]] || skip "no jni.h under $java_home/include"

dir="$out/native/linux-$arch"
mkdir -p "$dir"
# -fno-builtin-log: always call the C library's log, never a compiler's constant-folded or inlined one.
"$cc" -shared -fPIC -O2 -fno-builtin-log -I"$java_home/include" -I"$java_home/include/linux" \
  "$here/platform_log.c" -o "$dir/libplatformlog.so" -lm -ldl
echo "platform_log: built $dir/libplatformlog.so"
