#!/bin/sh
# Installs the Debian packages varde needs, but only those that are missing,
# so a second `make` on a ready machine installs nothing.
set -e
need=""
check_pc() { pkg-config --exists "$1" 2>/dev/null || need="$need $2"; }
command -v pkg-config >/dev/null 2>&1 || need="$need pkg-config"
check_pc libcmark-gfm "libcmark-gfm-dev libcmark-gfm-extensions-dev"
check_pc lua5.4 liblua5.4-dev
check_pc yaml-0.1 libyaml-dev
check_pc libgit2 libgit2-dev
check_pc libmicrohttpd libmicrohttpd-dev
[ -f /usr/include/libstemmer.h ] || need="$need libstemmer-dev"
[ -f /usr/include/cmark-gfm-core-extensions.h ] || need="$need libcmark-gfm-extensions-dev"
command -v cc >/dev/null 2>&1 || need="$need gcc"
[ -n "$need" ] || exit 0
echo "installing:$need"
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $need
