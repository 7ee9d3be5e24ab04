-- CreateEnum
CREATE TYPE "AuthAttemptKind" AS ENUM ('PASSWORD_LOGIN', 'HOUSEHOLD_BIND');

-- DropTable
DROP TABLE "LoginAttempt";

-- CreateTable
CREATE TABLE "AuthAttempt" (
    "id" BIGSERIAL NOT NULL,
    "kind" "AuthAttemptKind" NOT NULL,
    "subject" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuthAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuthAttempt_kind_subject_createdAt_idx" ON "AuthAttempt"("kind", "subject", "createdAt");

-- CreateIndex
CREATE INDEX "AuthAttempt_kind_ip_createdAt_idx" ON "AuthAttempt"("kind", "ip", "createdAt");

