#!/bin/sh
# Installs the Debian/Ubuntu packages varde needs to compile (`make deps`)
# and the content checks need (python3-yaml),
# but only those that are missing, so a second run on a ready machine
# installs nothing. Works as root (a stock debian:12 container, which has
# not even make) and as a user with sudo (a GitHub ubuntu-24.04 runner).
set -e
need=""
check_pc() { pkg-config --exists "$1" 2>/dev/null || need="$need $2"; }
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
command -v make >/dev/null 2>&1 || need="$need make"
command -v cc >/dev/null 2>&1 || need="$need gcc libc6-dev"
check_pc libcmark-gfm "libcmark-gfm-dev libcmark-gfm-extensions-dev"
check_pc lua5.4 liblua5.4-dev
check_pc yaml-0.1 libyaml-dev
check_pc libgit2 libgit2-dev
check_pc libmicrohttpd libmicrohttpd-dev
[ -f /usr/include/libstemmer.h ] || need="$need libstemmer-dev"
# the content checks (tools/innholdssjekk.sh) are Python with PyYAML
python3 -c 'import yaml' 2>/dev/null || need="$need python3 python3-yaml"
[ -f /usr/include/cmark-gfm-core-extensions.h ] || need="$need libcmark-gfm-extensions-dev"
[ -n "$need" ] || exit 0
echo "installing:$need"
if [ "$(id -u)" -eq 0 ]; then sudo=""
elif command -v sudo >/dev/null 2>&1; then sudo="sudo"
else
  echo "tools/deps.sh: not root and no sudo: install these packages as root:$need" >&2
  exit 1
fi
$sudo apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need
