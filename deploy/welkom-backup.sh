#!/usr/bin/env bash
# One online backup of welkomd's database, keeping the newest N.
# Run by deploy/welkom-backup.service (timer: welkom-backup.timer); by hand:
#   WELKOM_DB=/var/lib/welkom/welkom.db WELKOM_BACKUP_DIR=/var/backups/welkom \
#     WELKOM_BACKUP_KEEP=14 deploy/welkom-backup.sh
# Each backup is one checked SQLite file, welkom-YYYYmmddTHHMMSSZ.db; after a
# successful one, all but the newest $WELKOM_BACKUP_KEEP are deleted. A
# failed backup deletes nothing and exits non-zero (systemd shows it failed).
set -euo pipefail
db=${WELKOM_DB:-/var/lib/welkom/welkom.db}
dir=${WELKOM_BACKUP_DIR:-/var/backups/welkom}
keep=${WELKOM_BACKUP_KEEP:-14}
welkomd=${WELKOMD:-/usr/local/bin/welkomd}
case "$keep" in ''|*[!0-9]*|0) echo "welkom-backup: WELKOM_BACKUP_KEEP must be a number >= 1" >&2; exit 2 ;; esac
mkdir -p "$dir"
name="$dir/welkom-$(date -u +%Y%m%dT%H%M%SZ).db"
"$welkomd" backup --db "$db" --to "$name"
# Names sort by time; *.partial files of a failed run are left for a look.
ls -1 "$dir"/welkom-*.db | sort -r | tail -n +"$((keep + 1))" | while read -r old; do
  rm -f -- "$old"
  echo "welkom-backup: removed $old (keeping $keep)"
done
