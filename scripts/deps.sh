#!/bin/sh
# Install the Debian packages hemu needs to build and test, if any are missing;
# with arguments, those packages instead (make docs: sh scripts/deps.sh graphviz).
# SPDX-License-Identifier: MIT
set -e
PKGS="meson ninja-build pkg-config gcc clang libclang-rt-14-dev python3
libglib2.0-dev libjansson-dev libyaml-dev libfdt-dev libelf-dev
qemu-system-misc qemu-system-arm
opensbi u-boot-qemu gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf
gcc-arm-none-eabi picolibc-arm-none-eabi"
[ $# -gt 0 ] && PKGS="$*"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
if [ "$(id -u)" != 0 ]; then
    echo "deps: not root; install these packages first:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
