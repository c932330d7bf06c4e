-- The two PostgreSQL roles of a deployment (docs/deploy.md):
--   owner: owns the tables, functions and triggers; runs `python -m tracker migrate` / `init`
--          (TRACKER_MIGRATION_DATABASE_URL) and `restore`.
--   app:   what the app instances and the worker use (TRACKER_DATABASE_URL): it reads and writes
--          rows, nothing else. It cannot alter, disable or drop a table or trigger, truncate, or
--          create anything, so the audit log's append-only triggers hold against it.
-- Run as a superuser (or a role with CREATEROLE) connected to the tracker database, before the first
-- migration; running it again only resets the passwords and the grants:
--   psql "postgresql://postgres@db.internal/tracker" -v owner=tracker_owner -v owner_password=... \
--        -v app=tracker_app -v app_password=... -f deploy/db-roles.sql
\set ON_ERROR_STOP on
SET client_min_messages = warning;

SELECT format('CREATE ROLE %I', :'owner') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I', :'app') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') \gexec
ALTER ROLE :"owner" LOGIN PASSWORD :'owner_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
ALTER ROLE :"app" LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;

-- Only the owner creates objects in the schema.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO :"owner";
GRANT USAGE ON SCHEMA public TO :"app";

-- Every table and sequence the owner creates (each migration) is open to the app for rows only.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app";

-- A database migrated before the roles were split: hand what exists to the owner, rows to the app.
SELECT format('ALTER TABLE public.%I OWNER TO %I', tablename, :'owner') FROM pg_tables
 WHERE schemaname = 'public' AND tableowner <> :'owner' \gexec
SELECT format('ALTER FUNCTION public.%I() OWNER TO %I', proname, :'owner') FROM pg_proc
 WHERE pronamespace = 'public'::regnamespace AND proname LIKE 'tracker\_%' \gexec
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
