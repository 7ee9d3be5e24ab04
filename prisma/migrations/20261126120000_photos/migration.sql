-- Photos as evidence of activities, visits and donations (issue #5, docs/photos.md).
-- CreateTable
CREATE TABLE "Photo" (
    "id" UUID NOT NULL,
    "sha256" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "thumbnailKey" TEXT NOT NULL,
    "thumbnailBytes" INTEGER NOT NULL,
    "activityId" UUID,
    "visitId" UUID,
    "donationId" UUID,
    "uploadedById" UUID NOT NULL,
    "takenAt" TIMESTAMPTZ(3),
    "capturedPlace" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Photo_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Photo_sha256_idx" ON "Photo"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "Photo_activityId_sha256_key" ON "Photo"("activityId", "sha256");

-- CreateIndex
CREATE UNIQUE INDEX "Photo_visitId_sha256_key" ON "Photo"("visitId", "sha256");

-- CreateIndex
CREATE UNIQUE INDEX "Photo_donationId_sha256_key" ON "Photo"("donationId", "sha256");

-- AddForeignKey
ALTER TABLE "Photo" ADD CONSTRAINT "Photo_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Photo" ADD CONSTRAINT "Photo_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Photo" ADD CONSTRAINT "Photo_donationId_fkey" FOREIGN KEY ("donationId") REFERENCES "Donation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A photo belongs to exactly one record: an activity, a visit or a donation.
ALTER TABLE "Photo" ADD CONSTRAINT "Photo_exactly_one_record_check"
  CHECK (num_nonnulls("activityId", "visitId", "donationId") = 1);
