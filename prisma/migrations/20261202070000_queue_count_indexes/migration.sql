-- The queue page's four view counts as index-only scans (docs/performance.md, "The queue
-- page"). The counts read every ticket of the actor's queues (the "all" view counts the whole
-- history) joined to its thread, keeping those whose thread the actor's teams own. Through
-- (queue_id, status) and threads (team_id, last_message_at) that visited the heap of each
-- ticket and each thread: ~1,000 buffers and ~2 ms of PostgreSQL CPU per page at 2,225
-- tickets. With the thread, status and assignee in the tickets index, and the thread's id
-- beside its team, both sides are read from the indexes alone (~40 buffers), each in thread
-- order, so the join is a merge without a sort or a hash table.
--
-- (queue_id, thread_id, status, assignee_id) replaces (queue_id, status): a status filter on
-- a queue (the "all" view with a status) is still an index condition on it. The runtime
-- role needs no grant for an index.

-- DropIndex
DROP INDEX "tickets_queue_id_status_idx";

-- CreateIndex
CREATE INDEX "tickets_queue_id_thread_id_status_assignee_id_idx" ON "tickets"("queue_id", "thread_id", "status", "assignee_id");

-- CreateIndex
CREATE INDEX "threads_team_id_id_idx" ON "threads"("team_id", "id");
