#!/usr/bin/env bash
# One fresh ciphertext, as a whole process, three ways side by side:
#
#   - this product:  entity-secret-wizard ciphertext --rehearsal --public-key FILE
#                    (and without --public-key: its own simulated Circle asked)
#   - Node:          @circle-fin/developer-controlled-wallets' generateEntitySecretCiphertext
#   - Python:        circle-developer-controlled-wallets' generate_entity_secret_ciphertext
#
# Circle's helpers fetch the public key from the base URL they are given:
# here `entity-secret-wizard rehearse --serve` on loopback, whose key is the
# rehearsal's kept key, so all three encrypt with the same key. The SDKs are
# installed from npm and PyPI into a temporary folder; nothing is installed
# globally. Runs alternate (ours, Node, Python, ours, …) so a busy moment of
# the machine is shared out; the table gives the median wall time and the
# median peak resident memory (GNU time's maximum RSS) of RUNS runs each.
#
#   scripts/bench-sdk.sh [RUNS]        (default 15)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-15}
[[ $runs =~ ^[1-9][0-9]*$ ]] || {
    echo "bench-sdk: RUNS must be a positive number, not '$runs'" >&2
    exit 2
}
node_sdk_version=10.6.0
python_sdk_version=9.6.0

if [[ -z ${ESW_BENCH_INSIDE_DBUS:-} ]]; then
    scripts/install-deps.sh
    if ! command -v /usr/bin/time >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends time </dev/null
    fi
    for cmd in node npm python3 /usr/bin/time openssl curl; do
        command -v "$cmd" >/dev/null 2>&1 || {
            echo "bench-sdk: '$cmd' is needed (apt-get install nodejs npm python3-venv time openssl curl)" >&2
            exit 1
        }
    done
    cargo build --release --locked
    ESW_BENCH_INSIDE_DBUS=1 exec dbus-run-session -- bash "$0" "$@"
fi

bin=${CARGO_TARGET_DIR:-$PWD/target}/release/entity-secret-wizard
work=$(mktemp -d "${TMPDIR:-/tmp}/esw-bench-sdk.XXXXXX")
serve_pid=
cleanup() {
    if [[ -n $serve_pid ]]; then kill "$serve_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=scripts/lib/keyring.sh
source scripts/lib/keyring.sh
throwaway_keyring "$work"
export HOME=$work/home XDG_DATA_HOME=$work/data

echo "bench-sdk: installing the SDKs (npm $node_sdk_version, PyPI $python_sdk_version) into $work"
(cd "$work" && npm init -y >/dev/null && npm install --silent --no-audit --no-fund \
    "@circle-fin/developer-controlled-wallets@$node_sdk_version" >/dev/null)
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q "circle-developer-controlled-wallets==$python_sdk_version"

# A rehearsal registration, and the simulated Circle serving the same key.
"$bin" rehearse >"$work/rehearse.log"
"$bin" rehearse --serve >"$work/serve.log" 2>&1 &
serve_pid=$!
for _ in $(seq 1 100); do
    grep -q '^Practice API key: ' "$work/serve.log" && break
    sleep 0.1
done
base_url=$(sed -n 's/^Simulated Circle: //p' "$work/serve.log")
api_key=$(sed -n 's/^Practice API key: //p' "$work/serve.log")
[[ -n $base_url && -n $api_key ]] || {
    cat "$work/serve.log" >&2
    echo "bench-sdk: rehearse --serve did not start" >&2
    exit 1
}
base_url=${base_url%/}
curl -fsS -H "Authorization: Bearer $api_key" "$base_url/v1/w3s/config/entity/publicKey" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["publicKey"])' >"$work/key.pem"
# A throwaway entity secret for the SDKs (they take it as an argument).
secret=$(openssl rand -hex 32)

cat >"$work/node.js" <<'EOF'
const sdk = require("@circle-fin/developer-controlled-wallets");
sdk.generateEntitySecretCiphertext({
    apiKey: process.env.BENCH_API_KEY,
    entitySecret: process.env.BENCH_SECRET,
    baseUrl: process.env.BENCH_BASE_URL,
}).then((c) => process.stdout.write(c + "\n"));
EOF
cat >"$work/python.py" <<'EOF'
import os
from circle.web3 import utils
utils.init_configurations_client(api_key=os.environ["BENCH_API_KEY"], host=os.environ["BENCH_BASE_URL"])
print(utils.generate_entity_secret_ciphertext(os.environ["BENCH_API_KEY"], os.environ["BENCH_SECRET"]))
EOF
export BENCH_API_KEY=$api_key BENCH_SECRET=$secret BENCH_BASE_URL=$base_url

# One run: wall microseconds and peak KiB, appended to $work/<name>.txt. The
# output must be a ciphertext of 684 characters.
measure() {
    local name=$1
    shift
    local started ended
    started=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || {
        cat "$work/err" >&2
        echo "bench-sdk: $name failed" >&2
        exit 1
    }
    ended=$(date +%s%N)
    [[ $(tr -d '\n' <"$work/out" | wc -c) -eq 684 ]] || {
        echo "bench-sdk: $name did not print a 684-character ciphertext" >&2
        exit 1
    }
    echo "$(((ended - started) / 1000)) $(cat "$work/time")" >>"$work/$name.txt"
}

for _ in $(seq 1 "$runs"); do
    measure product-file "$bin" ciphertext --rehearsal --public-key "$work/key.pem"
    measure product-circle "$bin" ciphertext --rehearsal
    measure node node "$work/node.js"
    measure python "$work/venv/bin/python" "$work/python.py"
done

python3 - "$work" "$runs" <<'EOF'
import statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
rows = [
    ("product-file", "entity-secret-wizard ciphertext --public-key FILE"),
    ("product-circle", "entity-secret-wizard ciphertext --rehearsal (key from its simulated Circle)"),
    ("node", "Node SDK generateEntitySecretCiphertext"),
    ("python", "Python SDK generate_entity_secret_ciphertext"),
]
base = None
print(f"\n{runs} alternating runs each, median:\n")
print("| what | wall time | vs ours (file) | peak RSS |")
print("|---|---|---|---|")
for name, label in rows:
    pairs = [line.split() for line in open(f"{work}/{name}.txt")]
    wall = statistics.median(int(p[0]) for p in pairs) / 1000
    rss = statistics.median(int(p[1]) for p in pairs) / 1024
    if base is None:
        base = wall
    print(f"| {label} | {wall:.1f} ms | {wall / base:.1f}× | {rss:.1f} MiB |")
EOF
