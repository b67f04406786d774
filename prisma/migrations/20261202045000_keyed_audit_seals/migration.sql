-- Keyed audit seals (issue 9 item 8, docs/audit.md "Seal versions").
-- Every seal written so far is an unkeyed SHA-256 link: version 1. The sealer writes version 2
-- (HMAC-SHA-256 under AUDIT_SEAL_KEY) from now on, continuing the same chain, so the old
-- seals stay verifiable and the first keyed seal covers the old head. The default exists
-- only to mark the existing rows (a metadata-only change: no UPDATE runs, so the append-only
-- triggers are not involved); new seals must say their version.

-- AlterTable
ALTER TABLE "audit_seals" ADD COLUMN "version" SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE "audit_seals" ALTER COLUMN "version" DROP DEFAULT;
