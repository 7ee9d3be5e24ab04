-- The 有诉必应日报 as issued each day by the server's schedule, per village and for the whole
-- ledger, so that a past day's report reads as it was issued.

-- CreateTable
CREATE TABLE "DailyNeedsReportIssue" (
    "id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "scope" TEXT NOT NULL,
    "report" JSONB NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DailyNeedsReportIssue_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DailyNeedsReportIssue_date_scope_key" ON "DailyNeedsReportIssue"("date", "scope");
