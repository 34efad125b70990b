# Shared by ./run.sh and ./test.sh: find or install PostgreSQL, start and stop a private cluster.
# A cluster lives in one folder (data/, server.log, socket) and listens on 127.0.0.1 only.

pg_bin_dir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

# Installs Debian's PostgreSQL server when it is missing (as root, or with password-less sudo).
ensure_postgres_installed() {
  pg_bin_dir >/dev/null && return 0
  echo "PostgreSQL server binaries not found; installing Debian's postgresql package..." >&2
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      echo "error: PostgreSQL is not installed and this user cannot install it. Run: sudo apt-get install -y postgresql" >&2
      return 1
    fi
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  # The package starts a system cluster of its own; ours is private, so stop that one to free resources.
  $sudo service postgresql stop >/dev/null 2>&1 || true
  pg_bin_dir >/dev/null || { echo "error: installing postgresql did not provide initdb" >&2; return 1; }
}

# Prints a free TCP port on 127.0.0.1, starting from $1.
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

# Runs a PostgreSQL binary as the cluster's owner: initdb refuses root, so root runs it as "postgres".
as_cluster_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# start_cluster DIR PORT [extra server options]: creates the cluster in DIR when it has none, then starts it.
start_cluster() {
  local dir=$1 port=$2; shift 2
  local bin; bin=$(pg_bin_dir)
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_cluster_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; return 1; }
  fi
  as_cluster_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $*" start >/dev/null \
    || { tail -n 20 "$dir/server.log" >&2; return 1; }
}

stop_cluster() {
  local dir=$1 bin; bin=$(pg_bin_dir) || return 0
  [ -f "$dir/data/postmaster.pid" ] && as_cluster_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  return 0
}
