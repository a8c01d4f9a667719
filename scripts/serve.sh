#!/usr/bin/env bash
# The job service on one machine, in one command: installs what is missing, builds,
# starts a local Redis (unless one answers already), and runs `reelflow serve` with
# an embedded worker and the graphs in graphs/ allowed. Open the printed address.
#   scripts/serve.sh                      # http://127.0.0.1:8080
#   scripts/serve.sh --listen 0.0.0.0:8080 --embedded-workers 2
# The token comes from REELFLOW_API_TOKEN; when unset, one is made and printed.
# Everything it writes goes under out/service/ (Redis files, job outputs).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/install-deps.sh
build_dir=$(./scripts/build.sh | tail -n 1)

state=out/service
mkdir -p "$state/redis"
redis_port=${REELFLOW_REDIS_PORT:-6379}
if ! redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
  echo "reelflow: starting redis-server on 127.0.0.1:$redis_port (files in $state/redis)"
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$PWD/$state/redis" --appendonly yes \
    --daemonize yes --pidfile "$PWD/$state/redis/redis.pid" --logfile "$PWD/$state/redis/redis.log"
  for _ in $(seq 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

if [[ -z "${REELFLOW_API_TOKEN:-}" ]]; then
  REELFLOW_API_TOKEN=$(od -An -N24 -tx1 /dev/urandom | tr -d " \n")
  export REELFLOW_API_TOKEN
  echo "reelflow: API token for this session (set REELFLOW_API_TOKEN to choose one): $REELFLOW_API_TOKEN"
fi
exec "$build_dir/tools/reelflow" --log-level info serve --redis "redis://127.0.0.1:$redis_port" \
  --data-dir "$state/data" --graphs graphs "$@"
