#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: initdb in a temporary folder, a
# free loopback port, torn down (and deleted) afterwards, whatever happened.
#
#   scripts/pg-test-cluster.sh COMMAND [ARGS...]
#       runs COMMAND with DOSSIER_TEST_PG set to the cluster's URL, then
#       tears the cluster down; exits with COMMAND's status.
#   scripts/pg-test-cluster.sh --watch PID
#       prints the URL on stdout, keeps the cluster while process PID lives,
#       then tears it down. The store's tests start it this way when
#       DOSSIER_TEST_PG is not set, so a plain `cargo test` needs no set-up
#       beyond PostgreSQL's binaries.
#
# Uses Debian's PostgreSQL (scripts/install-test-deps.sh installs it). initdb
# refuses to run as root, so as root the cluster runs as the `postgres` user
# (created by Debian's package) through runuser; otherwise as the caller.
set -euo pipefail

watch=""
if [ "${1:-}" = "--watch" ]; then
  watch="${2:?usage: $0 --watch PID}"
elif [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...] | $0 --watch PID" >&2
  exit 2
fi

bindir=""
for d in /usr/lib/postgresql/*/bin; do
  [ -x "$d/initdb" ] && bindir="$d"
done
if [ -z "$bindir" ]; then
  echo "pg-test-cluster: no PostgreSQL server found (no /usr/lib/postgresql/*/bin/initdb); run scripts/install-test-deps.sh, or: apt-get install postgresql" >&2
  exit 1
fi

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  if ! getent passwd postgres >/dev/null; then
    echo "pg-test-cluster: running as root and there is no 'postgres' user to run the cluster as (apt-get install postgresql creates it)" >&2
    exit 1
  fi
  as_owner=(runuser -u postgres --)
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/dossier-pg.XXXXXX")"
chmod 755 "$dir"
if [ ${#as_owner[@]} -gt 0 ]; then chown postgres: "$dir"; fi

cleanup() {
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

"${as_owner[@]}" "$bindir/initdb" -D "$dir/data" -U dossier --auth=trust -E UTF8 --locale=C.UTF-8 \
  >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  exit 1
}

# A free loopback port: a random one above the usual services, another if
# the server cannot listen there (taken).
started=""
for _ in 1 2 3 4 5 6 7 8; do
  port=$((20000 + RANDOM % 40000))
  # Loopback TCP only, socket in the temp folder; fsync off: it is thrown away.
  if "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off -c full_page_writes=off -c synchronous_commit=off" \
    start >/dev/null; then
    started=1
    break
  fi
done
if [ -z "$started" ]; then
  cat "$dir/server.log" >&2
  exit 1
fi
"${as_owner[@]}" "$bindir/createdb" -h 127.0.0.1 -p "$port" -U dossier dossier_test

url="postgres://dossier@127.0.0.1:$port/dossier_test"
if [ -n "$watch" ]; then
  echo "$url"
  # Close stdout so the reader sees the end of the line and goes on.
  exec >/dev/null
  while kill -0 "$watch" 2>/dev/null; do sleep 0.5; done
  exit 0
fi

export DOSSIER_TEST_PG="$url"
echo "pg-test-cluster: $DOSSIER_TEST_PG (data in $dir)" >&2
set +e
"$@"
rc=$?
set -e
exit $rc
