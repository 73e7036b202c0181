#!/usr/bin/env bash
# Nightly backup of an SQLite tracker store: a consistent online copy, then keep the newest N.
# Usage: ops/backup.sh BACKUP_DIR [KEEP]   (the store comes from TRACKER_STORE or the default folder)
# A PostgreSQL store is backed up with pg_dump instead, e.g.:
#   pg_dump --format=custom --file="$dir/tracker-$(date +%Y%m%dT%H%M%S).dump" "$TRACKER_STORE"
set -euo pipefail

dir=${1:?usage: ops/backup.sh BACKUP_DIR [KEEP]}
keep=${2:-14}
tracker_bin=${TRACKER_BIN:-tracker}

mkdir -p "$dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
"$tracker_bin" backup "$dir/events-$stamp.db"

# Keep the newest $keep copies; names sort by time.
mapfile -t old < <(ls -1 "$dir"/events-*.db 2>/dev/null | sort -r | tail -n +"$((keep + 1))")
for f in "${old[@]}"; do
  rm -f -- "$f"
done
