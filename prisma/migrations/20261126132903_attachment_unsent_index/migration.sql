-- CreateIndex
CREATE INDEX "attachments_unsent_idx" ON "attachments"("uploader_id", "created_at") WHERE (message_id IS NULL);
