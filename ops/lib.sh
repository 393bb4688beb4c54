# Shared helpers for ops/ scripts. Source it; do not run it.
set -euo pipefail

MCBOT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="/opt/swift/usr/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs the Debian packages mcbot needs to build and to run its local mail servers, if missing.
ensure_packages() {
  local wanted=(dovecot-imapd dovecot-lmtpd python3-aiosmtpd openssl curl ca-certificates
                libcurl4-openssl-dev libsqlite3-dev libxml2 zlib1g-dev pkg-config "$@")
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing packages (${missing[*]}); run as root or install them with apt-get"
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian's package may start a system-wide Dovecot on *:143/993; ours is private, so stop that one.
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet dovecot 2>/dev/null; then
    systemctl disable --now dovecot >/dev/null 2>&1 || true
  fi
}

# Builds mcbot (debug unless MCBOT_BUILD_CONFIGURATION says otherwise) and prints the binary path.
build_mcbot() {
  local configuration="${MCBOT_BUILD_CONFIGURATION:-debug}"
  command -v swift >/dev/null || die "swift not found on PATH (expected under /opt/swift)"
  say "building mcbot ($configuration)"
  (cd "$MCBOT_ROOT" && swift build -c "$configuration" --product mcbot >&2)
  echo "$MCBOT_ROOT/.build/$configuration/mcbot"
}
