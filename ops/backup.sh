#!/usr/bin/env bash
# Nightly backup of a tracker store, keeping the newest N copies.
# Usage: ops/backup.sh BACKUP_DIR [KEEP]   (the store comes from TRACKER_STORE or the default folder)
# - an SQLite store (a folder): a consistent online copy with `tracker backup`, events-STAMP.db;
# - a PostgreSQL store (postgresql://…[?schema=NAME]): pg_dump --format=custom, tracker-STAMP.dump.
#   pg_dump rejects tracker's ?schema= query, so it is stripped and passed as --schema; a password
#   in the URL goes to pg_dump as PGPASSWORD, never on its command line. Restore with pg_restore.
set -euo pipefail

dir=${1:?usage: ops/backup.sh BACKUP_DIR [KEEP]}
keep=${2:-14}
tracker_bin=${TRACKER_BIN:-tracker}
store=${TRACKER_STORE:-}

urldecode() { printf '%b' "${1//%/\\x}"; }

mkdir -p "$dir"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
case "$store" in
  postgresql://* | postgres://*)
    url=${store%%\?*}
    query=${store#"$url"}
    query=${query#\?}
    schema=""
    IFS='&' read -r -a params <<<"$query"
    for p in "${params[@]}"; do
      [[ $p == schema=* ]] && schema=$(urldecode "${p#schema=}")
    done
    if [[ $url =~ ^(postgres(ql)?://[^/:@]*):([^/@]*)@(.*)$ ]]; then
      PGPASSWORD=$(urldecode "${BASH_REMATCH[3]}")
      export PGPASSWORD
      url="${BASH_REMATCH[1]}@${BASH_REMATCH[4]}"
    fi
    args=(--format=custom --file="$dir/tracker-$stamp.dump.part")
    [[ -n $schema ]] && args+=(--schema="$schema")
    pg_dump "${args[@]}" "$url"
    mv -- "$dir/tracker-$stamp.dump.part" "$dir/tracker-$stamp.dump"
    pattern="tracker-*.dump"
    ;;
  *)
    "$tracker_bin" backup "$dir/events-$stamp.db"
    pattern="events-*.db"
    ;;
esac

# Keep the newest $keep copies; names sort by time.
mapfile -t old < <(ls -1 "$dir"/$pattern 2>/dev/null | sort -r | tail -n +"$((keep + 1))")
for f in "${old[@]}"; do
  rm -f -- "$f"
done
