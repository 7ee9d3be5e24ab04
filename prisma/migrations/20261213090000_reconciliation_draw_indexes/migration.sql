-- 对账 reads every live draw on the donations in scope with its handover's recipient (10,000 draws
-- for a province's busiest village: server/services/donations/reconciliation-sums.ts). Both
-- indexes hold every column it reads, so that draws and handovers come off the indexes alone
-- (index-only scans) instead of a heap page per draw and per handover (docs/benchmarks.md, 对账).
DROP INDEX "HandoverDraw_donationId_idx";
CREATE INDEX "HandoverDraw_donationId_handoverId_donationGoodsId_quantity_idx"
  ON "HandoverDraw"("donationId", "handoverId", "donationGoodsId", "quantity", "amountFen");
CREATE INDEX "Handover_id_voidedAt_householdId_cadreUserId_idx"
  ON "Handover"("id", "voidedAt", "householdId", "cadreUserId");
