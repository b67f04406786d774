-- The application's runtime role (issue 9 item 9; docs/database.md "Database roles").
--
-- Migrations run as the MIGRATION role (DATABASE_MIGRATION_URL, else DATABASE_URL), which owns
-- every table. The app itself should log in as a role that is a member of
-- `concierge_runtime`: data access on the tables it needs, and nothing that could disable,
-- drop or rewrite the audit trail:
--   * SELECT, INSERT, UPDATE, DELETE on every application table (and future ones, below);
--   * SELECT and INSERT only on audit_log and audit_seals (the sealer only inserts seals);
--   * nothing on _prisma_migrations; USAGE and SELECT on sequences;
--   * never ownership, TRIGGER, TRUNCATE, REFERENCES or any DDL (only an owner may
--     ALTER/DROP a table or its triggers, and session_replication_role needs a superuser).
-- ALTER DEFAULT PRIVILEGES makes tables that later migrations create (as the same migration
-- role) readable and writable by the runtime role too. ⚠ A later migration that adds another
-- append-only table must REVOKE UPDATE, DELETE on it from concierge_runtime itself.
--
-- Creating the role needs CREATEROLE (or a superuser). A migration role without it gets a
-- NOTICE and no grants here: create the role as an administrator and run the grants in
-- docs/database.md. Roles are cluster-wide: an existing concierge_runtime (another database on
-- the same server, or created by an administrator) is reused. Embedded PGlite runs as its one
-- superuser; the statements work there too and change nothing about how the app connects.

DO $runtime_role$
DECLARE
    runtime_schema text := current_schema();
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'concierge_runtime') THEN
        BEGIN
            CREATE ROLE concierge_runtime NOLOGIN;
        EXCEPTION
            WHEN insufficient_privilege THEN
                RAISE NOTICE 'concierge_runtime: the migration role (%) may not create roles; create it as an administrator and apply the grants from docs/database.md', current_user;
            -- Another database's migration created it at the same moment.
            WHEN duplicate_object OR unique_violation THEN NULL;
        END;
    END IF;

    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'concierge_runtime') THEN
        RETURN;
    END IF;

    EXECUTE format('GRANT USAGE ON SCHEMA %I TO concierge_runtime', runtime_schema);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO concierge_runtime', runtime_schema);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO concierge_runtime', runtime_schema);
    -- The audit trail: insert and read, never change (the triggers refuse it too).
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON %I.audit_log, %I.audit_seals FROM concierge_runtime', runtime_schema, runtime_schema);
    -- Migration history belongs to the migration role alone.
    EXECUTE format('REVOKE ALL ON %I._prisma_migrations FROM concierge_runtime', runtime_schema);
    -- Tables and sequences created later by this (migration) role.
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO concierge_runtime', runtime_schema);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO concierge_runtime', runtime_schema);
END
$runtime_role$;
