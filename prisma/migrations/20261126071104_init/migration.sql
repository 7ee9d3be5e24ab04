-- CreateEnum
CREATE TYPE "OrgKind" AS ENUM ('PARTY_COMMITTEE', 'GENERAL_BRANCH', 'BRANCH', 'JOINT_BRANCH', 'EXTERNAL');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'SECRETARY', 'CADRE', 'MEMBER', 'RESIDENT');

-- CreateEnum
CREATE TYPE "HouseholdType" AS ENUM ('POVERTY_ALLEVIATED', 'ORDINARY');

-- CreateEnum
CREATE TYPE "HouseholdCategory" AS ENUM ('UNSTABLE_ALLEVIATED', 'MARGINAL', 'SUDDEN_HARDSHIP', 'DIBAO', 'TEKUN', 'OTHER');

-- CreateEnum
CREATE TYPE "RiskCode" AS ENUM ('ILLNESS', 'DISABILITY', 'EDUCATION', 'DISASTER', 'LABOR_SHORTAGE', 'ACCIDENT', 'INDUSTRY_FAILURE', 'EMPLOYMENT_UNSTABLE', 'OTHER');

-- CreateEnum
CREATE TYPE "RiskEliminationMethod" AS ENUM ('ASSISTED', 'NATURAL');

-- CreateEnum
CREATE TYPE "Relationship" AS ENUM ('HEAD', 'SPOUSE', 'SON', 'DAUGHTER', 'SON_IN_LAW', 'DAUGHTER_IN_LAW', 'GRANDCHILD', 'PARENT', 'SIBLING', 'OTHER');

-- CreateEnum
CREATE TYPE "LaborCapacity" AS ENUM ('ABLE', 'PARTIAL', 'LOST', 'NONE');

-- CreateEnum
CREATE TYPE "SchoolStatus" AS ENUM ('NOT_IN_SCHOOL', 'PRESCHOOL', 'PRIMARY', 'JUNIOR_HIGH', 'SENIOR_HIGH', 'VOCATIONAL', 'HIGHER');

-- CreateEnum
CREATE TYPE "HelpMeasure" AS ENUM ('INDUSTRY', 'EMPLOYMENT', 'HEALTH', 'EDUCATION', 'FINANCE', 'SOCIAL_SECURITY', 'RELOCATION', 'HOUSING_REPAIR');

-- CreateEnum
CREATE TYPE "NeedCategory" AS ENUM ('MEDICAL', 'HOUSING', 'EMPLOYMENT', 'EDUCATION', 'SUPPLIES', 'FUNDS', 'OTHER');

-- CreateEnum
CREATE TYPE "NeedUrgency" AS ENUM ('NORMAL', 'URGENT', 'CRITICAL');

-- CreateEnum
CREATE TYPE "NeedStatus" AS ENUM ('RECEIVED', 'HANDLED_DIRECTLY', 'TRANSFERRED', 'IN_PROGRESS', 'RESOLVED', 'FOLLOWED_UP', 'REJECTED');

-- CreateEnum
CREATE TYPE "NeedSource" AS ENUM ('VISIT', 'RESIDENT', 'CADRE');

-- CreateEnum
CREATE TYPE "ActivityKind" AS ENUM ('THEMED_PARTY_DAY', 'VISIT_CONDOLENCE', 'VOLUNTEER', 'THREE_MEETINGS');

-- CreateEnum
CREATE TYPE "ActivityStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "VisitTarget" AS ENUM ('HOUSEHOLD', 'CADRE');

-- CreateEnum
CREATE TYPE "DonationKind" AS ENUM ('CASH', 'GOODS');

-- CreateEnum
CREATE TYPE "DonationRecipient" AS ENUM ('VILLAGE', 'HOUSEHOLD', 'CADRE');

-- CreateTable
CREATE TABLE "Org" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT,
    "kind" "OrgKind" NOT NULL,
    "parentId" UUID,
    "path" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Org_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "displayName" TEXT NOT NULL,
    "phone" TEXT,
    "passwordHash" TEXT,
    "openid" TEXT,
    "unionid" TEXT,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "householdId" UUID,
    "lastLoginAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "orgId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "title" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" UUID NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "method" TEXT NOT NULL,
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Village" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "county" TEXT NOT NULL,
    "township" TEXT NOT NULL,
    "adminCode" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Village_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrgVillagePair" (
    "orgId" UUID NOT NULL,
    "villageId" UUID NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrgVillagePair_pkey" PRIMARY KEY ("orgId","villageId")
);

-- CreateTable
CREATE TABLE "CadreVillage" (
    "userId" UUID NOT NULL,
    "villageId" UUID NOT NULL,
    "post" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CadreVillage_pkey" PRIMARY KEY ("userId","villageId")
);

-- CreateTable
CREATE TABLE "Household" (
    "id" UUID NOT NULL,
    "villageId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "headName" TEXT NOT NULL,
    "idNumberEnc" TEXT NOT NULL,
    "idNumberHash" TEXT NOT NULL,
    "idNumberMask" TEXT NOT NULL,
    "phoneEnc" TEXT,
    "phoneMask" TEXT,
    "groupName" TEXT,
    "householdType" "HouseholdType" NOT NULL DEFAULT 'POVERTY_ALLEVIATED',
    "category" "HouseholdCategory" NOT NULL,
    "incomePerCapitaFen" INTEGER,
    "wageIncomeFen" INTEGER,
    "businessIncomeFen" INTEGER,
    "propertyIncomeFen" INTEGER,
    "transferIncomeFen" INTEGER,
    "helpMeasures" "HelpMeasure"[],
    "responsibleUserId" UUID,
    "monitoringStartedOn" DATE,
    "monitoringEndedOn" DATE,
    "notes" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HouseholdMember" (
    "id" UUID NOT NULL,
    "householdId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "relationship" "Relationship" NOT NULL,
    "idNumberEnc" TEXT,
    "idNumberHash" TEXT,
    "idNumberMask" TEXT,
    "healthEnc" TEXT NOT NULL,
    "laborCapacity" "LaborCapacity" NOT NULL,
    "schoolStatus" "SchoolStatus" NOT NULL DEFAULT 'NOT_IN_SCHOOL',
    "workInfo" TEXT,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "HouseholdMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HouseholdRisk" (
    "id" UUID NOT NULL,
    "householdId" UUID NOT NULL,
    "code" "RiskCode" NOT NULL,
    "identifiedMonth" TEXT NOT NULL,
    "isEliminated" BOOLEAN NOT NULL DEFAULT false,
    "eliminatedMonth" TEXT,
    "eliminationMethod" "RiskEliminationMethod",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HouseholdRisk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Need" (
    "id" UUID NOT NULL,
    "householdId" UUID NOT NULL,
    "villageId" UUID NOT NULL,
    "category" "NeedCategory" NOT NULL,
    "description" TEXT NOT NULL,
    "urgency" "NeedUrgency" NOT NULL DEFAULT 'NORMAL',
    "dueOn" DATE,
    "responsibleUnit" TEXT,
    "status" "NeedStatus" NOT NULL DEFAULT 'RECEIVED',
    "source" "NeedSource" NOT NULL,
    "visitId" UUID,
    "satisfaction" INTEGER,
    "resolvedAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Need_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NeedEvent" (
    "id" UUID NOT NULL,
    "needId" UUID NOT NULL,
    "actorId" UUID NOT NULL,
    "fromStatus" "NeedStatus",
    "toStatus" "NeedStatus" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NeedEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Activity" (
    "id" UUID NOT NULL,
    "kind" "ActivityKind" NOT NULL,
    "theme" TEXT NOT NULL,
    "heldOn" DATE NOT NULL,
    "villageId" UUID,
    "place" TEXT,
    "organiserOrgId" UUID NOT NULL,
    "summary" TEXT,
    "expectedCount" INTEGER NOT NULL DEFAULT 0,
    "presentCount" INTEGER NOT NULL DEFAULT 0,
    "status" "ActivityStatus" NOT NULL DEFAULT 'DRAFT',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityOrg" (
    "activityId" UUID NOT NULL,
    "orgId" UUID NOT NULL,

    CONSTRAINT "ActivityOrg_pkey" PRIMARY KEY ("activityId","orgId")
);

-- CreateTable
CREATE TABLE "ActivityAbsence" (
    "id" UUID NOT NULL,
    "activityId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "ActivityAbsence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Visit" (
    "id" UUID NOT NULL,
    "activityId" UUID,
    "villageId" UUID NOT NULL,
    "target" "VisitTarget" NOT NULL,
    "householdId" UUID,
    "cadreUserId" UUID,
    "visitedOn" DATE NOT NULL,
    "healthEnc" TEXT,
    "livingConditions" TEXT,
    "difficulties" TEXT,
    "cashFen" INTEGER NOT NULL DEFAULT 0,
    "goodsValueFen" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Visit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VisitVisitor" (
    "visitId" UUID NOT NULL,
    "userId" UUID NOT NULL,

    CONSTRAINT "VisitVisitor_pkey" PRIMARY KEY ("visitId","userId")
);

-- CreateTable
CREATE TABLE "VisitGoods" (
    "id" UUID NOT NULL,
    "visitId" UUID NOT NULL,
    "item" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "unitValueFen" INTEGER NOT NULL,
    "valueFen" INTEGER NOT NULL,

    CONSTRAINT "VisitGoods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Donation" (
    "id" UUID NOT NULL,
    "donorOrgId" UUID,
    "donorName" TEXT NOT NULL,
    "recipientKind" "DonationRecipient" NOT NULL,
    "villageId" UUID NOT NULL,
    "householdId" UUID,
    "cadreUserId" UUID,
    "activityId" UUID,
    "kind" "DonationKind" NOT NULL,
    "amountFen" BIGINT NOT NULL,
    "receivedOn" DATE NOT NULL,
    "note" TEXT,
    "voidedAt" TIMESTAMPTZ(3),
    "voidReason" TEXT,
    "voidedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdById" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Donation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DonationGoods" (
    "id" UUID NOT NULL,
    "donationId" UUID NOT NULL,
    "item" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "unitValueFen" BIGINT NOT NULL,
    "valueFen" BIGINT NOT NULL,

    CONSTRAINT "DonationGoods_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "userId" UUID NOT NULL,
    "clientMutationId" UUID NOT NULL,
    "procedure" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "result" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("userId","clientMutationId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Org_path_key" ON "Org"("path");

-- CreateIndex
CREATE INDEX "Org_parentId_idx" ON "Org"("parentId");

-- CreateIndex
CREATE UNIQUE INDEX "User_phone_key" ON "User"("phone");

-- CreateIndex
CREATE UNIQUE INDEX "User_openid_key" ON "User"("openid");

-- CreateIndex
CREATE INDEX "User_householdId_idx" ON "User"("householdId");

-- CreateIndex
CREATE INDEX "Membership_orgId_idx" ON "Membership"("orgId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_orgId_role_key" ON "Membership"("userId", "orgId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Village_adminCode_key" ON "Village"("adminCode");

-- CreateIndex
CREATE INDEX "OrgVillagePair_villageId_idx" ON "OrgVillagePair"("villageId");

-- CreateIndex
CREATE INDEX "CadreVillage_villageId_idx" ON "CadreVillage"("villageId");

-- CreateIndex
CREATE INDEX "Household_idNumberHash_idx" ON "Household"("idNumberHash");

-- CreateIndex
CREATE INDEX "Household_villageId_category_idx" ON "Household"("villageId", "category");

-- CreateIndex
CREATE UNIQUE INDEX "Household_villageId_code_key" ON "Household"("villageId", "code");

-- CreateIndex
CREATE INDEX "HouseholdMember_householdId_idx" ON "HouseholdMember"("householdId");

-- CreateIndex
CREATE INDEX "HouseholdMember_idNumberHash_idx" ON "HouseholdMember"("idNumberHash");

-- CreateIndex
CREATE UNIQUE INDEX "HouseholdRisk_householdId_code_key" ON "HouseholdRisk"("householdId", "code");

-- CreateIndex
CREATE INDEX "Need_villageId_status_idx" ON "Need"("villageId", "status");

-- CreateIndex
CREATE INDEX "Need_householdId_idx" ON "Need"("householdId");

-- CreateIndex
CREATE INDEX "Need_status_dueOn_idx" ON "Need"("status", "dueOn");

-- CreateIndex
CREATE INDEX "NeedEvent_needId_createdAt_idx" ON "NeedEvent"("needId", "createdAt");

-- CreateIndex
CREATE INDEX "Activity_organiserOrgId_heldOn_idx" ON "Activity"("organiserOrgId", "heldOn");

-- CreateIndex
CREATE INDEX "Activity_villageId_heldOn_idx" ON "Activity"("villageId", "heldOn");

-- CreateIndex
CREATE INDEX "Activity_heldOn_idx" ON "Activity"("heldOn");

-- CreateIndex
CREATE INDEX "ActivityOrg_orgId_idx" ON "ActivityOrg"("orgId");

-- CreateIndex
CREATE INDEX "ActivityAbsence_activityId_idx" ON "ActivityAbsence"("activityId");

-- CreateIndex
CREATE INDEX "Visit_villageId_visitedOn_idx" ON "Visit"("villageId", "visitedOn");

-- CreateIndex
CREATE INDEX "Visit_householdId_visitedOn_idx" ON "Visit"("householdId", "visitedOn");

-- CreateIndex
CREATE INDEX "Visit_activityId_idx" ON "Visit"("activityId");

-- CreateIndex
CREATE INDEX "VisitVisitor_userId_idx" ON "VisitVisitor"("userId");

-- CreateIndex
CREATE INDEX "VisitGoods_visitId_idx" ON "VisitGoods"("visitId");

-- CreateIndex
CREATE INDEX "Donation_villageId_receivedOn_idx" ON "Donation"("villageId", "receivedOn");

-- CreateIndex
CREATE INDEX "Donation_donorOrgId_idx" ON "Donation"("donorOrgId");

-- CreateIndex
CREATE INDEX "Donation_activityId_idx" ON "Donation"("activityId");

-- CreateIndex
CREATE INDEX "Donation_householdId_idx" ON "Donation"("householdId");

-- CreateIndex
CREATE INDEX "DonationGoods_donationId_idx" ON "DonationGoods"("donationId");

-- CreateIndex
CREATE INDEX "AuditLog_entityType_entityId_idx" ON "AuditLog"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_createdAt_idx" ON "AuditLog"("actorId", "createdAt");

-- AddForeignKey
ALTER TABLE "Org" ADD CONSTRAINT "Org_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Org"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrgVillagePair" ADD CONSTRAINT "OrgVillagePair_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrgVillagePair" ADD CONSTRAINT "OrgVillagePair_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CadreVillage" ADD CONSTRAINT "CadreVillage_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CadreVillage" ADD CONSTRAINT "CadreVillage_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_responsibleUserId_fkey" FOREIGN KEY ("responsibleUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HouseholdMember" ADD CONSTRAINT "HouseholdMember_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HouseholdRisk" ADD CONSTRAINT "HouseholdRisk_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Need" ADD CONSTRAINT "Need_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Need" ADD CONSTRAINT "Need_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Need" ADD CONSTRAINT "Need_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedEvent" ADD CONSTRAINT "NeedEvent_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeedEvent" ADD CONSTRAINT "NeedEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_organiserOrgId_fkey" FOREIGN KEY ("organiserOrgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityOrg" ADD CONSTRAINT "ActivityOrg_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityOrg" ADD CONSTRAINT "ActivityOrg_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Org"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityAbsence" ADD CONSTRAINT "ActivityAbsence_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_cadreUserId_fkey" FOREIGN KEY ("cadreUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitVisitor" ADD CONSTRAINT "VisitVisitor_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitVisitor" ADD CONSTRAINT "VisitVisitor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VisitGoods" ADD CONSTRAINT "VisitGoods_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Donation" ADD CONSTRAINT "Donation_donorOrgId_fkey" FOREIGN KEY ("donorOrgId") REFERENCES "Org"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Donation" ADD CONSTRAINT "Donation_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Village"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Donation" ADD CONSTRAINT "Donation_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Donation" ADD CONSTRAINT "Donation_cadreUserId_fkey" FOREIGN KEY ("cadreUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Donation" ADD CONSTRAINT "Donation_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "Activity"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DonationGoods" ADD CONSTRAINT "DonationGoods_donationId_fkey" FOREIGN KEY ("donationId") REFERENCES "Donation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdempotencyKey" ADD CONSTRAINT "IdempotencyKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
