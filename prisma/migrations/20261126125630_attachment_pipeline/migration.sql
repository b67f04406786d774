-- AlterTable
ALTER TABLE "attachments" DROP COLUMN "quarantine_key",
ADD COLUMN     "height" INTEGER,
ADD COLUMN     "width" INTEGER;

-- CreateTable
CREATE TABLE "attachment_quarantine" (
    "attachment_id" UUID NOT NULL,
    "bytes" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachment_quarantine_pkey" PRIMARY KEY ("attachment_id")
);

-- AddForeignKey
ALTER TABLE "attachment_quarantine" ADD CONSTRAINT "attachment_quarantine_attachment_id_fkey" FOREIGN KEY ("attachment_id") REFERENCES "attachments"("id") ON DELETE CASCADE ON UPDATE CASCADE;
