-- Retention waits a grace period after a household's monitoring end date is recorded, so that a
-- mistyped date can be corrected before anything is erased (docs/retention.md).
ALTER TABLE "Household" ADD COLUMN     "monitoringEndedRecordedAt" TIMESTAMPTZ(3);

-- Dates recorded before this column existed count from the household's last change.
UPDATE "Household" SET "monitoringEndedRecordedAt" = "updatedAt" WHERE "monitoringEndedOn" IS NOT NULL;

-- Retry keys stored before results were sealed held them in the clear, personal data included.
-- The results go; the keys stay, so that a late retry is refused rather than run a second time.
UPDATE "IdempotencyKey" SET "result" = NULL WHERE "result" IS NOT NULL AND "result" -> 'sealed' IS NULL;
