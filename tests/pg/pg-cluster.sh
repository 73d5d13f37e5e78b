#!/usr/bin/env bash
# pg-cluster.sh start|stop DIR
# A throwaway PostgreSQL cluster on 127.0.0.1 for the `postgres` ctest fixture.
# The data lives in a fresh /tmp directory (its path is kept in DIR/cluster-dir)
# because, run as root, the server runs as the postgres user, which may not be
# able to reach into the build tree. Clients read DIR/connection.env.
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[[ $# -eq 2 && ($1 == start || $1 == stop) ]] || usage
action=$1
state=$2

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [[ -z $bindir ]]; then
    echo "PostgreSQL server binaries not found: apt-get install postgresql" >&2
    exit 1
fi

# initdb and postgres refuse to run as root.
if [[ $(id -u) -eq 0 ]]; then
    owner=postgres
    asOwner() { runuser -u postgres -- "$@"; }
else
    owner=$(id -un)
    asOwner() { "$@"; }
fi

# Stops the cluster recorded in DIR (if any) and deletes its data; prints what it stopped.
stopCluster() {
    [[ -f $state/cluster-dir ]] || return 0
    local data
    data=$(cat "$state/cluster-dir")
    # Only ever delete what mktemp made for us, whatever the file says.
    if [[ $data == /tmp/sluice-pg.* && -d $data ]]; then
        if [[ -f $data/pgdata/postmaster.pid ]]; then
            (cd "$data" && asOwner "$bindir/pg_ctl" -D "$data/pgdata" -m fast -w stop >/dev/null 2>&1) || true
        fi
        rm -rf "$data"
        echo "stopped the test PostgreSQL cluster in $data"
    fi
    rm -f "$state/cluster-dir" "$state/connection.env"
}

if [[ $action == stop ]]; then
    if [[ -f $state/cluster-dir ]]; then
        stopCluster
    else
        echo "no test PostgreSQL cluster recorded in $state; nothing to stop"
    fi
    exit 0
fi

mkdir -p "$state"
stopCluster # left over from a crashed run

data=$(mktemp -d /tmp/sluice-pg.XXXXXX)
echo "$data" >"$state/cluster-dir" # recorded first so `stop` can clean up a failed start
chmod 700 "$data"
password=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24)
echo "$password" >"$data/pwfile"
chown -R "$owner" "$data"
cd "$data" # the postgres user may not be allowed into the caller's directory

asOwner "$bindir/initdb" -D "$data/pgdata" -U sluice_test --pwfile="$data/pwfile" \
    --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C >"$data/initdb.log" 2>&1 \
    || { cat "$data/initdb.log" >&2; exit 1; }
rm -f "$data/pwfile"

# A port nothing listens on: the kernel's choice when python3 is there, else a random probe.
freePort() {
    if command -v python3 >/dev/null; then
        python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
        return
    fi
    local p
    for _ in $(seq 1 50); do
        p=$((20000 + RANDOM % 40000))
        (: </dev/tcp/127.0.0.1/$p) 2>/dev/null || { echo $p; return; }
    done
    echo "no free port found for the test PostgreSQL server" >&2
    return 1
}
port=$(freePort)
cat >>"$data/pgdata/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

asOwner "$bindir/pg_ctl" -D "$data/pgdata" -l "$data/server.log" -w -t 60 start >/dev/null \
    || { cat "$data/server.log" >&2; exit 1; }
for _ in $(seq 1 100); do
    "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 0.1
done
"$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" \
    || { echo "the test PostgreSQL server did not become ready" >&2; cat "$data/server.log" >&2; exit 1; }
asOwner "$bindir/createdb" -h "$data" -p "$port" -U sluice_test sluice_test

cat >"$state/connection.env" <<EOF
PGHOST=127.0.0.1
PGPORT=$port
PGUSER=sluice_test
PGPASSWORD=$password
PGDATABASE=sluice_test
EOF
echo "started PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $data)"
echo "connection settings: $state/connection.env"
