-- AlterTable
ALTER TABLE "Household" ALTER COLUMN "idNumberEnc" DROP NOT NULL,
ALTER COLUMN "idNumberHash" DROP NOT NULL,
ALTER COLUMN "idNumberMask" DROP NOT NULL;

-- AlterTable
ALTER TABLE "HouseholdMember" ALTER COLUMN "healthEnc" DROP NOT NULL;

