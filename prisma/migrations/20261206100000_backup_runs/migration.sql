-- Every backup taken (by the server's schedule, `npm run backup`, or an administrator's
-- backup.run) and how it ended: what backup.status reads (docs/deployment.md, "Backups").

-- CreateEnum
CREATE TYPE "BackupTrigger" AS ENUM ('SCHEDULE', 'COMMAND', 'MANUAL');

-- CreateEnum
CREATE TYPE "BackupRunStatus" AS ENUM ('RUNNING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "BackupRun" (
    "id" UUID NOT NULL,
    "trigger" "BackupTrigger" NOT NULL,
    "status" "BackupRunStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "error" TEXT,
    "fileName" TEXT,
    "bytes" BIGINT,
    "rowCount" INTEGER,
    "jobId" UUID,
    "requestedById" UUID,

    CONSTRAINT "BackupRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BackupRun_status_startedAt_idx" ON "BackupRun"("status", "startedAt");

-- CreateIndex
CREATE INDEX "BackupRun_startedAt_idx" ON "BackupRun"("startedAt");
