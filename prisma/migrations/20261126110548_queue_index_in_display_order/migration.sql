-- DropIndex
DROP INDEX "tickets_queue_open_waiting_idx";

-- CreateIndex
CREATE INDEX "tickets_queue_open_waiting_idx" ON "tickets"("queue_id", "waiting_since", "last_activity_at", "id") WHERE (status <> 'CLOSED' AND status <> 'SOLVED');
