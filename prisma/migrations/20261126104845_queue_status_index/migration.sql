-- CreateIndex
CREATE INDEX "tickets_queue_id_status_idx" ON "tickets"("queue_id", "status");
