-- A handover's photo (发放现场), taken with the recipient's signature (docs/photos.md).
-- AlterTable
ALTER TABLE "Photo" ADD COLUMN "handoverId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "Photo_handoverId_sha256_key" ON "Photo"("handoverId", "sha256");

-- AddForeignKey
ALTER TABLE "Photo" ADD CONSTRAINT "Photo_handoverId_fkey" FOREIGN KEY ("handoverId") REFERENCES "Handover"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A photo belongs to exactly one record: an activity, a visit, a donation or a handover.
ALTER TABLE "Photo" DROP CONSTRAINT "Photo_exactly_one_record_check";
ALTER TABLE "Photo" ADD CONSTRAINT "Photo_exactly_one_record_check"
  CHECK (num_nonnulls("activityId", "visitId", "donationId", "handoverId") = 1);
