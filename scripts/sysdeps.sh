#!/usr/bin/env bash
# Make sure Qt's system libraries and a Chinese font are present (Debian/Ubuntu).
# As root with apt-get: install what is missing. Otherwise: print the one command to run.
# Other systems (Windows, macOS) need nothing: the wheels carry Qt.
set -u
command -v dpkg-query >/dev/null 2>&1 || exit 0
PKGS="libegl1 libgl1 libglib2.0-0 libxkbcommon0 libfontconfig1 libdbus-1-3 \
libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 xvfb fonts-wqy-microhei poppler-utils"
# `sysdeps.sh package`: PyInstaller on Linux also reads binaries with objdump (binutils).
[ "${1:-}" = "package" ] && PKGS="$PKGS binutils"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages for Qt and Chinese fonts:$missing"
  echo "(apt-get reports each package as it is fetched and set up)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q && apt-get install -y -q --no-install-recommends $missing
  exit $?
fi
echo "LandSpace needs these system packages:$missing"
echo "Run:  sudo apt-get install -y$missing"
exit 1
