-- Issue 9: one running emergency access and one active collaboration per person and
-- thread, enforced by the database; and a member's concierge history follows her team.

-- ── Collaborations ──────────────────────────────────────────────────────────────────
-- Concurrent mentions could leave several active rows for one person on one thread. Keep
-- the earliest (its reason and adder are the ones shown), end the others at the moment
-- the later row was added, so the history still shows every mention.
UPDATE "thread_collaborators" AS dup
SET "removed_at" = dup."created_at"
WHERE dup."removed_at" IS NULL
  AND EXISTS (
    SELECT 1 FROM "thread_collaborators" AS keep
    WHERE keep."user_id" = dup."user_id" AND keep."thread_id" = dup."thread_id" AND keep."removed_at" IS NULL
      AND (keep."created_at", keep."id") < (dup."created_at", dup."id")
  );

-- DropIndex
DROP INDEX "thread_collaborators_active_idx";

-- CreateIndex
CREATE UNIQUE INDEX "thread_collaborators_active_idx" ON "thread_collaborators"("user_id", "thread_id") WHERE (removed_at IS NULL);

-- ── Emergency accesses ──────────────────────────────────────────────────────────────
-- AlterTable
ALTER TABLE "emergency_accesses" ADD COLUMN     "ended_at" TIMESTAMPTZ(3);

-- Grants that already expired are closed at their expiry.
UPDATE "emergency_accesses" SET "ended_at" = "expires_at" WHERE "expires_at" <= now();

-- Stacked grants still running: the one that runs longest stays open; the others end now.
UPDATE "emergency_accesses" AS dup
SET "ended_at" = now()
WHERE dup."ended_at" IS NULL
  AND EXISTS (
    SELECT 1 FROM "emergency_accesses" AS keep
    WHERE keep."user_id" = dup."user_id" AND keep."thread_id" = dup."thread_id" AND keep."ended_at" IS NULL
      AND (keep."expires_at", keep."id") > (dup."expires_at", dup."id")
  );

-- CreateIndex
CREATE UNIQUE INDEX "emergency_accesses_one_open_idx" ON "emergency_accesses"("user_id", "thread_id") WHERE (ended_at IS NULL);

-- ── A member's concierge history follows her team ───────────────────────────────────
-- Before this release a change of concierge team left the member's closed conversations
-- with the former team, which kept her context panel and received her follow-ups. Move
-- every conversation still owned by a former concierge team (not one that serves her on
-- its own channel) to her current team, with all its tickets into that team's queue;
-- active tickets there become unassigned, as assign-member-team.ts does.
WITH "moved" AS (
  UPDATE "threads" AS th
  SET "team_id" = mp."team_id"
  FROM "member_profiles" AS mp, "teams" AS former
  WHERE th."member_id" = mp."user_id"
    AND mp."team_id" IS NOT NULL
    AND th."team_id" = former."id"
    AND former."kind" = 'CONCIERGE'
    AND th."team_id" <> mp."team_id"
    AND NOT EXISTS (
      SELECT 1 FROM "member_service_teams" AS mst WHERE mst."member_id" = th."member_id" AND mst."team_id" = th."team_id"
    )
  RETURNING th."id", th."team_id"
)
UPDATE "tickets" AS t
SET "team_id" = "moved"."team_id",
    "queue_id" = q."id",
    "assignee_id" = CASE WHEN t."status" = 'CLOSED' THEN t."assignee_id" ELSE NULL END
FROM "moved" JOIN "queues" AS q ON q."team_id" = "moved"."team_id"
WHERE t."thread_id" = "moved"."id";
