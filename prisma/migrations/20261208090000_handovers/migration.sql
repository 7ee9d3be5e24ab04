-- 发放签收: handovers, their goods lines, and what each drew from which donation. Every visit that
-- handed over goods or 慰问金 becomes its handover here (same date, village, activity, recipient,
-- lines and cash; author as the giver), 待签收 and drawing on no donation yet. The visit keeps its
-- own columns, which the visit's page, stats and ledgers read.

-- CreateEnum
CREATE TYPE "HandoverState" AS ENUM ('PENDING', 'CONFIRMED', 'DISPUTED');

-- CreateEnum
CREATE TYPE "HandoverConfirmation" AS ENUM ('RESIDENT', 'SIGNATURE');

-- CreateTable
CREATE TABLE "Handover" (
    "id" UUID NOT NULL,
    "recipientKind" "VisitTarget" NOT NULL,
    "householdId" UUID,
    "cadreUserId" UUID,
    "villageId" UUID NOT NULL,
    "activityId" UUID,
    "visitId" UUID,
    "handedOverOn" DATE NOT NULL,
    "handedOverById" UUID,
    "cashFen" BIGINT NOT NULL DEFAULT 0,
    "goodsValueFen" BIGINT NOT NULL DEFAULT 0,
    "note" TEXT,
    "state" "HandoverState" NOT NULL DEFAULT 'PENDING',
    "confirmedAt" TIMESTAMPTZ(3),
    "confirmedById" UUID,
    "confirmation" "HandoverConfirmation",
    "disputeNote" TEXT,
    "disputeNeedId" UUID,
    "voidedAt" TIMESTAMPTZ(3),
    "voidReason" TEXT,
    "voidedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Handover_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HandoverLine" (
    "id" UUID NOT NULL,
    "handoverId" UUID NOT NULL,
    "item" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "unitValueFen" BIGINT NOT NULL,
    "valueFen" BIGINT NOT NULL,

    CONSTRAINT "HandoverLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HandoverDraw" (
    "id" UUID NOT NULL,
    "handoverId" UUID NOT NULL,
    "donationId" UUID NOT NULL,
    "donationGoodsId" UUID,
    "quantity" INTEGER,
    "amountFen" BIGINT NOT NULL,

    CONSTRAINT "HandoverDraw_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Handover_visitId_idx" ON "Handover"("visitId");

-- CreateIndex
CREATE INDEX "Handover_villageId_handedOverOn_idx" ON "Handover"("villageId", "handedOverOn");

-- CreateIndex
CREATE INDEX "Handover_householdId_handedOverOn_idx" ON "Handover"("householdId", "handedOverOn");

-- CreateIndex
CREATE INDEX "Handover_activityId_idx" ON "Handover"("activityId");

-- CreateIndex
CREATE INDEX "HandoverLine_handoverId_idx" ON "HandoverLine"("handoverId");

-- CreateIndex
CREATE INDEX "HandoverDraw_handoverId_idx" ON "HandoverDraw"("handoverId");

-- CreateIndex
CREATE INDEX "HandoverDraw_donationId_idx" ON "HandoverDraw"("donationId");

-- CreateIndex
CREATE INDEX "HandoverDraw_donationGoodsId_idx" ON "HandoverDraw"("donationGoodsId");

-- AddForeignKey
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_cadreUserId_fkey" FOREIGN KEY ("cadreUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_handedOverById_fkey" FOREIGN KEY ("handedOverById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoverLine" ADD CONSTRAINT "HandoverLine_handoverId_fkey" FOREIGN KEY ("handoverId") REFERENCES "Handover"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoverDraw" ADD CONSTRAINT "HandoverDraw_handoverId_fkey" FOREIGN KEY ("handoverId") REFERENCES "Handover"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoverDraw" ADD CONSTRAINT "HandoverDraw_donationId_fkey" FOREIGN KEY ("donationId") REFERENCES "Donation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoverDraw" ADD CONSTRAINT "HandoverDraw_donationGoodsId_fkey" FOREIGN KEY ("donationGoodsId") REFERENCES "DonationGoods"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- One recipient, of the kind stated.
ALTER TABLE "Handover" ADD CONSTRAINT "Handover_recipient_check"
  CHECK (("recipientKind" = 'HOUSEHOLD' AND "householdId" IS NOT NULL AND "cadreUserId" IS NULL)
      OR ("recipientKind" = 'CADRE' AND "cadreUserId" IS NOT NULL AND "householdId" IS NULL));

-- A cash draw has no goods line and no quantity; a goods draw has both, and a positive quantity.
ALTER TABLE "HandoverDraw" ADD CONSTRAINT "HandoverDraw_shape_check"
  CHECK ("amountFen" >= 0 AND (("donationGoodsId" IS NULL AND "quantity" IS NULL)
      OR ("donationGoodsId" IS NOT NULL AND "quantity" > 0)));

-- Every visit's goods and 慰问金 as its handover.
INSERT INTO "Handover" ("id", "recipientKind", "householdId", "cadreUserId", "villageId", "activityId", "visitId",
                        "handedOverOn", "handedOverById", "cashFen", "goodsValueFen", "createdAt", "updatedAt",
                        "createdById")
SELECT gen_random_uuid(), v."target", v."householdId", v."cadreUserId", v."villageId", v."activityId", v."id",
       v."visitedOn", v."createdById", v."cashFen", v."goodsValueFen", v."createdAt", CURRENT_TIMESTAMP,
       v."createdById"
  FROM "Visit" v
 WHERE v."cashFen" > 0 OR EXISTS (SELECT 1 FROM "VisitGoods" g WHERE g."visitId" = v."id");

INSERT INTO "HandoverLine" ("id", "handoverId", "item", "quantity", "unit", "unitValueFen", "valueFen")
SELECT gen_random_uuid(), h."id", g."item", g."quantity", g."unit", g."unitValueFen", g."valueFen"
  FROM "VisitGoods" g
  JOIN "Handover" h ON h."visitId" = g."visitId";
