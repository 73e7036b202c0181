-- Least-privilege PostgreSQL setup for a tracker store; run by ops/postgres/setup.sh as an
-- administrator (a superuser, or a role with CREATEROLE and CREATEDB), connected to a
-- maintenance database. Idempotent: run it again after `tracker init`, after an upgrade that
-- adds a table (event_chain), or to change a password.
--
-- psql variables (-v, or \set from stdin so no password is on a command line):
--   dbname, schema, owner, app, owner_password, app_password ('' = leave the password as it is),
--   events_table (eventsourcing's table: tracker_events), chain_table (event_chain)
--
-- The owner owns the schema and runs `tracker init` (it creates the tables). The application
-- role appends and reads: SELECT and INSERT, never DELETE. A trigger refuses UPDATE, DELETE
-- and TRUNCATE of the events and of the hash chain, even for the owner, unless a restore
-- transaction owned by the owner has run SET LOCAL tracker.restoring = 'on'.

\set ON_ERROR_STOP on
\set QUIET on
SET client_min_messages = warning;

-- Roles are cluster-wide.
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', :'owner')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE', :'app')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'owner', :'owner_password') WHERE :'owner_password' <> '' \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'app', :'app_password') WHERE :'app_password' <> '' \gexec

SELECT format('CREATE DATABASE %I OWNER %I', :'dbname', :'owner')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'dbname') \gexec

\connect :"dbname"
SET client_min_messages = warning;

SELECT format('GRANT CONNECT ON DATABASE %I TO %I, %I', :'dbname', :'owner', :'app') \gexec
SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', :'schema', :'owner') \gexec
SELECT format('ALTER SCHEMA %I OWNER TO %I', :'schema', :'owner') \gexec
-- Nobody but the owner creates objects in the schema.
SELECT format('REVOKE CREATE ON SCHEMA %I FROM PUBLIC', :'schema') \gexec
SELECT format('GRANT USAGE ON SCHEMA %I TO %I', :'schema', :'app') \gexec

-- Tables the owner creates later (tracker init, a new version's event_chain) are readable
-- and appendable by the application role at once; their guard trigger needs a re-run.
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT SELECT, INSERT ON TABLES TO %I',
              :'owner', :'schema', :'app') \gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I',
              :'owner', :'schema', :'app') \gexec

SELECT set_config('tracker_setup.schema', :'schema', false),
       set_config('tracker_setup.owner', :'owner', false),
       set_config('tracker_setup.app', :'app', false),
       set_config('tracker_setup.events', :'events_table', false),
       set_config('tracker_setup.chain', :'chain_table', false) \gset _

-- The guard: UPDATE, DELETE and TRUNCATE are refused unless tracker.restoring is 'on' in a
-- session of a member of the table's owner (anyone may SET a custom setting, so the setting
-- alone would let the application role through).
SELECT format($fn$
CREATE OR REPLACE FUNCTION %I.tracker_append_only() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  IF coalesce(current_setting('tracker.restoring', true), '') = 'on'
     AND pg_has_role(current_user, (SELECT relowner FROM pg_catalog.pg_class WHERE oid = TG_RELID), 'USAGE') THEN
    RETURN NULL;
  END IF;
  RAISE EXCEPTION 'tracker: %% of %%.%% refused: stored events are append-only', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'a restore runs SET LOCAL tracker.restoring = ''on'' as the store''s owner';
END
$body$
$fn$, :'schema') \gexec
SELECT format('ALTER FUNCTION %I.tracker_append_only() OWNER TO %I', :'schema', :'owner') \gexec

DO $$
DECLARE
  s text := current_setting('tracker_setup.schema');
  owner text := current_setting('tracker_setup.owner');
  app text := current_setting('tracker_setup.app');
  t text;
  seq text;
  lock_privilege text := CASE WHEN current_setting('server_version_num')::int >= 170000 THEN 'MAINTAIN' ELSE 'UPDATE' END;
BEGIN
  -- Whatever exists in the schema (tracker init ran as another role, a restore) becomes the owner's.
  FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = s AND c.relkind IN ('r', 'p') LOOP
    EXECUTE format('ALTER TABLE %I.%I OWNER TO %I', s, t, owner);
  END LOOP;
  EXECUTE format('GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA %I TO %I', s, app);
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA %I FROM %I', s, app);
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', s, app);
  FOREACH t IN ARRAY ARRAY[current_setting('tracker_setup.events'), current_setting('tracker_setup.chain')] LOOP
    IF to_regclass(format('%I.%I', s, t)) IS NOT NULL THEN
      EXECUTE format('DROP TRIGGER IF EXISTS tracker_append_only ON %I.%I', s, t);
      EXECUTE format('CREATE TRIGGER tracker_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON %I.%I '
                     'FOR EACH STATEMENT EXECUTE FUNCTION %I.tracker_append_only()', s, t, s);
    END IF;
  END LOOP;
  -- eventsourcing takes LOCK TABLE … IN EXCLUSIVE MODE before inserting, so positions follow
  -- commit order. That mode needs MAINTAIN (PostgreSQL 17+) or UPDATE, DELETE or TRUNCATE
  -- (before 17): UPDATE is granted there, and the trigger above refuses any UPDATE.
  t := current_setting('tracker_setup.events');
  IF to_regclass(format('%I.%I', s, t)) IS NOT NULL THEN
    EXECUTE format('GRANT %s ON %I.%I TO %I', lock_privilege, s, t, app);
  END IF;
END
$$;

SELECT format('%s: events table %s', :'schema',
              CASE WHEN to_regclass(format('%I.%I', :'schema', :'events_table')) IS NULL
                   THEN 'missing (run tracker init as the owner, then this again)' ELSE 'guarded' END) AS state \gset
\echo :state
