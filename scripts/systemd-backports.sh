#!/usr/bin/env bash
# Unpacks Debian bookworm-backports' systemd (254, which ships systemd-sysupdate; bookworm's 252
# does not) into a folder, for the first-boot simulation to run the real systemd-sysupdate.
# The machine's own systemd is never installed or upgraded: the packages are only downloaded
# and unpacked with dpkg-deb -x. Needs root and apt (it adds the backports suite to apt's
# sources when missing, on the same mirror host as the machine's Debian sources).
# Usage: scripts/systemd-backports.sh [FOLDER]   (default: .cache/systemd-254 in the repo)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
target="${1:-$repo/.cache/systemd-254}"
packages=(systemd libsystemd-shared systemd-container)
suite=bookworm-backports

# The unpacked binary works: nothing to do (re-runs stay fast and offline).
works() {
  local binary
  for binary in "$target/usr/lib/systemd/systemd-sysupdate" "$target/lib/systemd/systemd-sysupdate"; do
    [ -x "$binary" ] || continue
    LD_LIBRARY_PATH="$target/usr/lib/x86_64-linux-gnu/systemd:$target/lib/x86_64-linux-gnu/systemd" \
      "$binary" --version >/dev/null 2>&1 && return 0
  done
  return 1
}
if works; then
  echo "systemd-backports: $target already holds a working systemd-sysupdate"
  exit 0
fi

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "systemd-backports: needs root and apt-get to fetch $suite's systemd into $target" >&2
  exit 1
fi

# Every source line or stanza apt reads, as "URI SUITE..." (one-line .list and deb822 .sources).
sources() {
  local file
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    # deb [options] URI SUITE COMPONENT...
    sed -n 's/^[[:space:]]*deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\)[[:space:]]\+\([^[:space:]]\+\).*/\2 \3/p' "$file"
  done
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    # Stanzas are separated by blank lines; a stanza with Enabled: no is skipped.
    awk '
      function flush() { if (uris != "" && types ~ /(^| )deb( |$)/ && enabled != "no") { n = split(uris, u, " "); for (i = 1; i <= n; i++) print u[i], suites } uris = ""; suites = ""; types = ""; enabled = "" }
      /^[[:space:]]*$/ { flush(); next }
      /^[[:space:]]*#/ { next }
      tolower($1) == "types:" { $1 = ""; types = $0 }
      tolower($1) == "uris:" { $1 = ""; uris = $0 }
      tolower($1) == "suites:" { $1 = ""; suites = $0 }
      tolower($1) == "enabled:" { enabled = tolower($2) }
      END { flush() }
    ' "$file"
  done
}

if ! sources | awk -v s="$suite" '{ for (i = 2; i <= NF; i++) if ($i == s) found = 1 } END { exit !found }'; then
  # The mirror that serves bookworm itself (not -security, which lives elsewhere).
  mirror="$(sources | awk '{ for (i = 2; i <= NF; i++) if ($i == "bookworm") { print $1; exit } }')"
  if [ -z "$mirror" ]; then
    echo "systemd-backports: no apt source for bookworm found to take the mirror host from" >&2
    exit 1
  fi
  list=/etc/apt/sources.list.d/bookworm-backports.sources
  echo "systemd-backports: adding $suite from $mirror to $list"
  cat >"$list" <<EOF
Types: deb
URIs: $mirror
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  apt-get update -qq
elif ! apt-cache policy systemd | grep -q "$suite"; then
  apt-get update -qq
fi

cache="${target%/}-debs"
mkdir -p "$cache"
rm -f "$cache"/*.deb
# As root, apt downloads unsandboxed into a folder _apt cannot write; say so rather than warn.
(cd "$cache" && apt-get download -qq -o APT::Sandbox::User=root -t "$suite" "${packages[@]}")

rm -rf "$target"
mkdir -p "$target"
for deb in "$cache"/*.deb; do
  dpkg-deb -x "$deb" "$target"
done
if ! works; then
  echo "systemd-backports: unpacked $(cd "$cache" && echo *.deb) into $target, but its systemd-sysupdate does not run" >&2
  exit 1
fi
echo "systemd-backports: unpacked $(cd "$cache" && echo *.deb) into $target"
