-- 对账 reads every goods line of the donations in scope with what live draws took from it
-- (server/services/donations/reconciliation-sums.ts): 1,824 goods donations for a province's
-- largest donor org. The index on "donationId" alone sent each line's read to a heap page of its
-- own; this one holds every column the read takes, so the lines come off the index alone
-- (index-only scans), and it still serves the foreign key's lookups by donation
-- (docs/benchmarks.md, 对账). A draw's update of a line's drawn totals now always writes an entry
-- in it, where it could skip the old index when the line's page had room (a HOT update): one
-- index entry per goods line a handover draws on.
DROP INDEX "DonationGoods_donationId_idx";
CREATE INDEX "DonationGoods_reconciliation_idx"
  ON "DonationGoods"("donationId", "id", "item", "unit", "quantity", "valueFen", "drawnQuantity", "drawnFen", "drawCount");
