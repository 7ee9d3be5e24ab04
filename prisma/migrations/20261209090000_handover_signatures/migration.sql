-- 签字留证: the recipient's signature drawn on the cadre's phone, one per handover, kept as
-- evidence. A row is never altered: the trigger below refuses every UPDATE.

-- AlterEnum
ALTER TYPE "HandoverConfirmation" ADD VALUE 'PHONE_SIGNATURE';

-- CreateTable
CREATE TABLE "HandoverSignature" (
    "id" UUID NOT NULL,
    "handoverId" UUID NOT NULL,
    "sha256" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "storageKey" TEXT NOT NULL,
    "signerName" TEXT,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,
    "capturedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HandoverSignature_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "HandoverSignature_handoverId_key" ON "HandoverSignature"("handoverId");

-- CreateIndex
CREATE INDEX "HandoverSignature_sha256_idx" ON "HandoverSignature"("sha256");

-- AddForeignKey
ALTER TABLE "HandoverSignature" ADD CONSTRAINT "HandoverSignature_handoverId_fkey" FOREIGN KEY ("handoverId") REFERENCES "Handover"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Evidence is never altered.
CREATE FUNCTION "handover_signature_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a handover signature is evidence and is never altered' USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER "HandoverSignature_immutable" BEFORE UPDATE ON "HandoverSignature"
  FOR EACH ROW EXECUTE FUNCTION "handover_signature_immutable"();
