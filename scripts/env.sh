# Sourced by the scripts: tool paths and shared settings.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
# Builds land in target/ unless the caller points CARGO_TARGET_DIR elsewhere (CI reuses a cache).
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
STANDIN_BIN="$CARGO_TARGET_DIR/release/fastly-standin"
say() { printf '\033[1m[%s]\033[0m %s\n' "$(basename "$0")" "$*"; }
