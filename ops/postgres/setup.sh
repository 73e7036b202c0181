#!/usr/bin/env bash
# Least-privilege PostgreSQL for a shared tracker store: an owner role that creates the tables
# and an application role that appends and reads, never updates or deletes. Idempotent.
#
# Usage: ops/postgres/setup.sh [--db NAME] [--schema NAME] [--owner ROLE] [--app ROLE] [--no-init]
#   or the same through TRACKER_PG_DB (default tracker), TRACKER_PG_SCHEMA (tracker),
#   TRACKER_PG_OWNER (tracker_owner), TRACKER_PG_APP (tracker_app).
# Passwords: TRACKER_PG_OWNER_PASSWORD and TRACKER_PG_APP_PASSWORD (unset: a new role gets no
#   password, an existing one keeps its own). They reach psql on its standard input, never on a
#   command line, and are never printed.
# The administrator's connection is libpq's: PGHOST, PGPORT, PGUSER, PGPASSWORD or ~/.pgpass;
#   TRACKER_PG_ADMIN_DB (default postgres) is the database it first connects to.
# Steps: roles, database, schema and grants (ops/postgres/setup.sql); `tracker init` as the owner
#   (skipped with --no-init or when TRACKER_BIN is not found); setup.sql again, which guards the
#   tables init created. Run it again whenever a tracker upgrade adds a table.
set -euo pipefail

db=${TRACKER_PG_DB:-tracker}
schema=${TRACKER_PG_SCHEMA:-tracker}
owner=${TRACKER_PG_OWNER:-tracker_owner}
app=${TRACKER_PG_APP:-tracker_app}
init=yes
while (($#)); do
  case $1 in
    --db) db=${2:?--db needs a name}; shift 2 ;;
    --schema) schema=${2:?--schema needs a name}; shift 2 ;;
    --owner) owner=${2:?--owner needs a role}; shift 2 ;;
    --app) app=${2:?--app needs a role}; shift 2 ;;
    --no-init) init=no; shift ;;
    -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "setup.sh: unknown argument ${1%%=*}; see --help" >&2; exit 2 ;;
  esac
done
if [[ $owner == "$app" ]]; then
  echo "setup.sh: the owner and the application role must differ" >&2
  exit 2
fi

here=$(cd "$(dirname "$0")" && pwd)
tracker_bin=${TRACKER_BIN:-tracker}
admin_db=${TRACKER_PG_ADMIN_DB:-postgres}

# A psql \set argument in single quotes: a quote is doubled, a backslash escaped.
quoted() {
  local v=${1//\\/\\\\}
  printf "'%s'" "${v//\'/\'\'}"
}

run_sql() {
  {
    printf '\\set dbname %s\n' "$(quoted "$db")"
    printf '\\set schema %s\n' "$(quoted "$schema")"
    printf '\\set owner %s\n' "$(quoted "$owner")"
    printf '\\set app %s\n' "$(quoted "$app")"
    printf '\\set owner_password %s\n' "$(quoted "${TRACKER_PG_OWNER_PASSWORD:-}")"
    printf '\\set app_password %s\n' "$(quoted "${TRACKER_PG_APP_PASSWORD:-}")"
    printf '\\set events_table %s\n' "$(quoted "${TRACKER_PG_EVENTS_TABLE:-tracker_events}")"
    printf '\\set chain_table %s\n' "$(quoted "${TRACKER_PG_CHAIN_TABLE:-event_chain}")"
    cat "$here/setup.sql"
  } | psql --no-psqlrc --quiet --set ON_ERROR_STOP=1 --dbname "$admin_db"
}

run_sql

if [[ $init == yes ]]; then
  if command -v "$tracker_bin" >/dev/null; then
    url="postgresql://$owner@${PGHOST:-127.0.0.1}:${PGPORT:-5432}/$db?schema=$schema"
    views=$(mktemp -d)
    trap 'rm -rf -- "$views"' EXIT
    # The owner's password reaches tracker (libpq) as PGPASSWORD in its environment only.
    (
      unset PGPASSWORD TRACKER_PG_APP_PASSWORD TRACKER_STORE TRACKER_VIEWS
      if [[ -n ${TRACKER_PG_OWNER_PASSWORD:-} ]]; then
        export PGPASSWORD=$TRACKER_PG_OWNER_PASSWORD
      fi
      unset TRACKER_PG_OWNER_PASSWORD
      "$tracker_bin" init --store "$url" --views "$views"
    )
    run_sql
  else
    echo "setup.sh: $tracker_bin not found; run \`tracker init --store postgresql://$owner@HOST:PORT/$db?schema=$schema\`, then this script again" >&2
  fi
fi
echo "application URL: postgresql://$app@${PGHOST:-HOST}:${PGPORT:-5432}/$db?schema=$schema (password from PGPASSWORD or ~/.pgpass)"
