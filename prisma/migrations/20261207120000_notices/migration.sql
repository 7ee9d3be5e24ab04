-- WeChat subscribe messages (订阅消息): the one-time grants users give in the mini-program, and the
-- outbox of messages to send on them (server/services/notices/).

-- CreateEnum
CREATE TYPE "NoticeStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'REFUSED', 'FAILED', 'UNCERTAIN');

-- CreateTable
CREATE TABLE "NoticeGrant" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "templateId" TEXT NOT NULL,
    "grantedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "spentAt" TIMESTAMPTZ(3),
    "noticeId" UUID,

    CONSTRAINT "NoticeGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notice" (
    "id" UUID NOT NULL,
    "eventKey" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "templateId" TEXT NOT NULL,
    "page" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "status" "NoticeStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "errcode" INTEGER,
    "error" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NoticeGrant_noticeId_key" ON "NoticeGrant"("noticeId");

-- CreateIndex
CREATE INDEX "NoticeGrant_userId_templateId_spentAt_idx" ON "NoticeGrant"("userId", "templateId", "spentAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notice_eventKey_key" ON "Notice"("eventKey");

-- CreateIndex
CREATE INDEX "Notice_status_notBefore_idx" ON "Notice"("status", "notBefore");

-- CreateIndex
CREATE INDEX "Notice_userId_idx" ON "Notice"("userId");
