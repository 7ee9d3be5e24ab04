-- Administration and onboarding: closing orgs, one-time passwords and deactivation, roles, cadre
-- posts and pairings as periods (startedOn, endedOn) with their history kept, invitations that
-- bind a WeChat identity to a staff account, and the record of audit-chain checks.

-- AlterEnum
ALTER TYPE "AuthAttemptKind" ADD VALUE 'INVITATION_ACCEPT';

-- Org: closing
ALTER TABLE "Org" ADD COLUMN "closedAt" TIMESTAMPTZ(3),
ADD COLUMN "closedReason" TEXT;

-- User: one-time passwords, deactivation
ALTER TABLE "User" ADD COLUMN "deactivatedAt" TIMESTAMPTZ(3),
ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
CREATE INDEX "User_displayName_idx" ON "User"("displayName" text_pattern_ops);

-- Membership: a period. Existing roles started on the day they were recorded (Beijing time).
ALTER TABLE "Membership" ADD COLUMN "endedOn" DATE,
ADD COLUMN "startedOn" DATE NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "Membership" SET "startedOn" = ("createdAt" AT TIME ZONE 'Asia/Shanghai')::date;
DROP INDEX "Membership_orgId_idx";
DROP INDEX "Membership_userId_orgId_role_key";
CREATE INDEX "Membership_orgId_role_idx" ON "Membership"("orgId", "role");
CREATE INDEX "Membership_userId_idx" ON "Membership"("userId");
CREATE UNIQUE INDEX "Membership_userId_orgId_role_key" ON "Membership"("userId", "orgId", "role") WHERE ("endedOn" IS NULL);

-- CadreVillage: a term with its own id; the existing ones started when recorded.
ALTER TABLE "CadreVillage" DROP CONSTRAINT "CadreVillage_pkey",
ADD COLUMN "id" UUID NOT NULL DEFAULT gen_random_uuid(),
ADD COLUMN "startedOn" DATE NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "endedOn" DATE,
ADD COLUMN "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "CadreVillage" SET "startedOn" = ("since" AT TIME ZONE 'Asia/Shanghai')::date, "createdAt" = "since";
ALTER TABLE "CadreVillage" DROP COLUMN "since",
ALTER COLUMN "id" DROP DEFAULT,
ADD CONSTRAINT "CadreVillage_pkey" PRIMARY KEY ("id");
CREATE INDEX "CadreVillage_userId_idx" ON "CadreVillage"("userId");
CREATE UNIQUE INDEX "CadreVillage_userId_villageId_key" ON "CadreVillage"("userId", "villageId") WHERE ("endedOn" IS NULL);

-- OrgVillagePair: likewise.
ALTER TABLE "OrgVillagePair" DROP CONSTRAINT "OrgVillagePair_pkey",
ADD COLUMN "id" UUID NOT NULL DEFAULT gen_random_uuid(),
ADD COLUMN "startedOn" DATE NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN "endedOn" DATE,
ADD COLUMN "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
UPDATE "OrgVillagePair" SET "startedOn" = ("since" AT TIME ZONE 'Asia/Shanghai')::date, "createdAt" = "since";
ALTER TABLE "OrgVillagePair" DROP COLUMN "since",
ALTER COLUMN "id" DROP DEFAULT,
ADD CONSTRAINT "OrgVillagePair_pkey" PRIMARY KEY ("id");
CREATE INDEX "OrgVillagePair_orgId_idx" ON "OrgVillagePair"("orgId");
CREATE UNIQUE INDEX "OrgVillagePair_orgId_villageId_key" ON "OrgVillagePair"("orgId", "villageId") WHERE ("endedOn" IS NULL);

-- Invitation
CREATE TABLE "Invitation" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "acceptedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Invitation_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Invitation_codeHash_key" ON "Invitation"("codeHash");
CREATE INDEX "Invitation_userId_createdAt_idx" ON "Invitation"("userId", "createdAt");
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AuditVerification
CREATE TABLE "AuditVerification" (
    "id" BIGSERIAL NOT NULL,
    "verifiedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "isIntact" BOOLEAN NOT NULL,
    "entriesChecked" INTEGER NOT NULL,
    "headSeq" BIGINT,
    "headHash" TEXT,
    "brokenAtSeq" BIGINT,
    "problem" TEXT,
    "byUserId" UUID,

    CONSTRAINT "AuditVerification_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "AuditVerification_verifiedAt_idx" ON "AuditVerification"("verifiedAt");
