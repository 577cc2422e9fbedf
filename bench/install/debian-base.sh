#!/usr/bin/env bash
# Makes the Dockerfile's base image (debian:bookworm-slim) available on a
# machine that reaches no container registry: builds a minimal Debian
# bookworm root file system with debootstrap, from the mirror this machine's
# apt sources already use, and imports it under that name. Does nothing when
# the image is there or can be pulled. Needs root, docker and debootstrap
# (apt-get install debootstrap).
# usage: bench/install/debian-base.sh [IMAGE]
set -euo pipefail
image=${1:-debian:bookworm-slim}
docker image inspect "$image" >/dev/null 2>&1 && exit 0
timeout 60 docker pull -q "$image" >/dev/null 2>&1 && exit 0
command -v debootstrap >/dev/null || { echo "debian-base: no $image and no debootstrap to build it (apt-get install debootstrap)" >&2; exit 2; }
mirror=$("$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../../scripts/debian-mirror.sh") || exit 2
rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
echo "debian-base: building $image with debootstrap (a few minutes)" >&2
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
tar -C "$rootfs" -c . | docker import - "$image" >/dev/null
echo "debian-base: imported $image" >&2
