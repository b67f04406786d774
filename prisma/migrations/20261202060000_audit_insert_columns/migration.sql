-- An audit row's id and time are the database's, never the writer's (security review
-- finding 8; docs/audit.md "Database roles"). With INSERT on every column of audit_log, the
-- app's runtime role could write a row with an explicit id (a row at an upcoming value of the
-- sequence, so that later audited operations fail on the primary key) or an explicit
-- occurred_at (a backdated row that the sealer then seals as if it were old).
--
--  * id: concierge_runtime gets INSERT on every column but id, which only the BIGSERIAL's
--    sequence fills. Prisma never sends an autoincrement id.
--  * occurred_at: Prisma computes @default(now()) on the client and always sends it, so the
--    column cannot simply be withheld. A BEFORE INSERT trigger sets it to the database's
--    now() (the writing transaction's start) for every writer but a superuser (who could
--    switch triggers off anyway; tests and data restores insert historical rows as one).
--
-- A column added to audit_log later must be granted to concierge_runtime the same way
-- (GRANT INSERT (new_column) ON audit_log TO concierge_runtime). Without the role (the
-- migration role may not create roles; see 20261202050000_runtime_role) only the trigger is
-- added.

CREATE FUNCTION audit_log_database_time() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- ⚠ SECURITY: the row's time is the database's own; see the header.
    IF current_setting('is_superuser') <> 'on' THEN
        NEW.occurred_at := now();
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_log_database_time
    BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_database_time();

DO $audit_insert_columns$
DECLARE
    runtime_schema text := current_schema();
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'concierge_runtime') THEN
        RETURN;
    END IF;
    EXECUTE format('REVOKE INSERT ON %I.audit_log FROM concierge_runtime', runtime_schema);
    EXECUTE format(
        'GRANT INSERT (occurred_at, actor_id, actor_role, action, outcome, member_id, record_type, record_id, ip, user_agent, reason, details) ON %I.audit_log TO concierge_runtime',
        runtime_schema
    );
END
$audit_insert_columns$;
