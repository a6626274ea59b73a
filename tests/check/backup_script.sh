#!/usr/bin/env bash
# deploy/welkom-backup.sh with a real welkomd database: three runs with
# WELKOM_BACKUP_KEEP=2 leave the two newest backups, each of them sound.
set -euo pipefail
welkomd=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/welkom-backup-script-XXXXXX)
trap 'rm -rf "$work"' EXIT
# welkomd itself creates the database; the backups run while it serves.
"$welkomd" --db "$work/welkom.db" --grpc-listen 127.0.0.1:0 --http-listen= \
  --jobs-interval=0 --port-file "$work/ports" >"$work/out" 2>&1 &
pid=$!
for _ in $(seq 100); do [ -s "$work/ports" ] && break; sleep 0.1; done
[ -s "$work/ports" ] || { cat "$work/out"; exit 1; }
for i in 1 2 3; do
  WELKOMD=$welkomd WELKOM_DB=$work/welkom.db WELKOM_BACKUP_DIR=$work/backups \
    WELKOM_BACKUP_KEEP=2 bash "$root/deploy/welkom-backup.sh"
  sleep 1.1  # names are to the second
done
kill "$pid"; wait "$pid" || true
n=$(ls "$work/backups"/welkom-*.db | wc -l)
[ "$n" -eq 2 ] || { echo "backup_script: $n backups kept, expected 2" >&2; exit 1; }
for f in "$work/backups"/welkom-*.db; do "$welkomd" verify --db "$f"; done
echo "backup_script: 3 runs, 2 newest kept, both verified"
