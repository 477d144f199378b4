#!/usr/bin/env bash
# Makes the base image envforge's images are built on when no container registry can be reached:
# a minimal Debian root (mmdebstrap, variant minbase) with Debian's headless Java 17 runtime and a
# non-root user, packed as an image tarball in `docker save` layout, which Jib reads as
# `tar://<file>` and `docker load` accepts. The tarball is cached under
# $ENVFORGE_CACHE/images/ per suite, runtime package, architecture and version of this script,
# so only the first build on a machine pays for it.
#
#   deploy/images/base-image.sh                   prints the cached tarball's path (builds it first)
#   deploy/images/base-image.sh --for IMAGE LINK  what the image builds call: when IMAGE is
#                                                 tar://LINK, builds the tarball and links LINK to
#                                                 it; any other IMAGE (a registry's) needs nothing
#
# Packages come from the machine's own apt sources (/etc/apt/sources.list and
# /etc/apt/sources.list.d), or from ENVFORGE_BASE_IMAGE_SOURCES (a sources file or a mirror URL).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../local/lib/common.sh"
source "$here/../local/versions.env"

image_user_id=10001
image_user_name=envforge

usage() {
  echo "usage: $0 [--for IMAGE LINK]" >&2
  exit 2
}

architecture() { dpkg --print-architecture; }

cached_tarball() {
  local recipe
  # An edit to this script (packages, hooks, image config) makes a new base.
  recipe="$(sha256sum "$0" | cut -c1-12)"
  echo "$ENVFORGE_CACHE/images/base-$BASE_IMAGE_SUITE-$BASE_IMAGE_JAVA_PACKAGE-$(architecture)-$recipe.tar"
}

# The apt sources to build from: the ones this machine's apt uses, unless told otherwise.
apt_sources() {
  if [[ -n "${ENVFORGE_BASE_IMAGE_SOURCES:-}" ]]; then
    echo "$ENVFORGE_BASE_IMAGE_SOURCES"
    return
  fi
  local found=0 file
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    if [[ -s "$file" ]] && grep -qv '^\s*\(#\|$\)' "$file"; then
      echo "$file"
      found=1
    fi
  done
  ((found)) || die "no apt sources on this machine; set ENVFORGE_BASE_IMAGE_SOURCES to a sources file or mirror URL"
}

# mmdebstrap does not read the machine's apt configuration; a machine that accepts expired
# Release files (a snapshot mirror) must say so to this apt too.
apt_options() {
  local valid_until=""
  eval "$(apt-config shell valid_until Acquire::Check-Valid-Until)"
  if [[ "$valid_until" == "false" ]]; then
    echo '--aptopt=Acquire::Check-Valid-Until "false"'
  fi
}

# make_root_tarball <output.tar>: the Debian root as one uncompressed tarball.
make_root_tarball() {
  local output="$1" sources options=()
  command -v mmdebstrap >/dev/null || apt_install mmdebstrap
  mapfile -t sources < <(apt_sources)
  mapfile -t options < <(apt_options)
  # Documentation, manuals and translations are left out, as Debian's slim images do; Java's
  # installer insists on linking its manual page, so that one folder must exist.
  as_root mmdebstrap --variant=minbase --include="$BASE_IMAGE_JAVA_PACKAGE" --format=tar \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
    --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
    --customize-hook="chroot \"\$1\" groupadd --gid $image_user_id $image_user_name" \
    --customize-hook="chroot \"\$1\" useradd --uid $image_user_id --gid $image_user_id --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin $image_user_name" \
    --customize-hook='rm -f "$1/etc/resolv.conf" "$1/etc/hostname"' \
    "${options[@]}" "$BASE_IMAGE_SUITE" "$output" "${sources[@]}"
  # A container runtime provides /dev; the device nodes made for the build do not belong in an image.
  as_root tar --delete --wildcards -f "$output" './dev/?*'
  as_root chown "$(id -u):$(id -g)" "$output"
}

java_home() {
  echo "/usr/lib/jvm/$(sed 's/-jre-headless$//; s/^openjdk-/java-/' <<<"$BASE_IMAGE_JAVA_PACKAGE")-openjdk-$(architecture)"
}

# pack_image <root.tar> <output image tarball>
pack_image() {
  local root="$1" output="$2" work diff_id created
  work="$(dirname "$output")/$(basename "$output" .tar).work"
  rm -rf "$work" && mkdir -p "$work"
  diff_id="sha256:$(sha256sum "$root" | cut -d' ' -f1)"
  # Compressed here once: Jib stores a compressed layer as it is, and would otherwise compress
  # this one on every machine's first build.
  gzip -n -6 -c "$root" >"$work/layer.tar.gz"
  created="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  cat >"$work/config.json" <<EOF
{
  "architecture": "$(architecture)",
  "os": "linux",
  "created": "$created",
  "config": {
    "User": "$image_user_id:$image_user_id",
    "Env": [
      "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
      "JAVA_HOME=$(java_home)",
      "LANG=C.UTF-8"
    ],
    "WorkingDir": "/",
    "Cmd": ["java", "-version"]
  },
  "rootfs": {"type": "layers", "diff_ids": ["$diff_id"]},
  "history": [
    {
      "created": "$created",
      "created_by": "deploy/images/base-image.sh: Debian $BASE_IMAGE_SUITE minbase, $BASE_IMAGE_JAVA_PACKAGE, user $image_user_name ($image_user_id)"
    }
  ]
}
EOF
  cat >"$work/manifest.json" <<EOF
[{"Config": "config.json", "RepoTags": ["envforge-base:$BASE_IMAGE_SUITE-$BASE_IMAGE_JAVA_PACKAGE"], "Layers": ["layer.tar.gz"]}]
EOF
  tar -C "$work" -cf "$output" manifest.json config.json layer.tar.gz
  rm -rf "$work"
}

ensure_base_image() {
  local tarball
  tarball="$(cached_tarball)"
  if [[ ! -s "$tarball" ]]; then
    mkdir -p "$(dirname "$tarball")"
    exec 8>"$tarball.lock"
    flock 8
    if [[ ! -s "$tarball" ]]; then
      log "making the base image: Debian $BASE_IMAGE_SUITE with $BASE_IMAGE_JAVA_PACKAGE (first build only)"
      local started=$SECONDS root="$tarball.root.partial"
      make_root_tarball "$root" >"$tarball.log" 2>&1 || {
        log "making the Debian root failed; last lines of $tarball.log:"
        tail -n 20 "$tarball.log" >&2
        exit 1
      }
      # Packed next to its final place and moved there whole: a half-written tarball is never
      # taken for a finished one.
      pack_image "$root" "$tarball.partial"
      rm -f "$root"
      mv "$tarball.partial" "$tarball"
      log "made the base image in $((SECONDS - started))s: $tarball"
    fi
    flock -u 8
  fi
  echo "$tarball"
}

case "${1:-}" in
  "")
    ensure_base_image
    ;;
  --for)
    [[ $# -eq 3 ]] || usage
    image="$2" link="$3"
    if [[ "$image" == "tar://$link" ]]; then
      tarball="$(ensure_base_image)"
      mkdir -p "$(dirname "$link")"
      ln -sfn "$tarball" "$link"
    else
      log "base image $image: nothing to make"
    fi
    ;;
  *)
    usage
    ;;
esac
