-- AlterEnum
ALTER TYPE "NeedCategory" ADD VALUE 'CORRECTION';

-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "chainSeq" BIGINT,
ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prevHash" TEXT;

-- AlterTable
ALTER TABLE "Household" ADD COLUMN     "anonymisedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "passwordChangedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "PrivacyConsent" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "ip" TEXT,
    "agreedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrivacyConsent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" BIGSERIAL NOT NULL,
    "phone" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PrivacyConsent_userId_version_key" ON "PrivacyConsent"("userId", "version");

-- CreateIndex
CREATE INDEX "LoginAttempt_phone_createdAt_idx" ON "LoginAttempt"("phone", "createdAt");

-- CreateIndex
CREATE INDEX "LoginAttempt_ip_createdAt_idx" ON "LoginAttempt"("ip", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditLog_chainSeq_key" ON "AuditLog"("chainSeq");

-- AddForeignKey
ALTER TABLE "PrivacyConsent" ADD CONSTRAINT "PrivacyConsent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;



-- Tamper-evident audit trail ---------------------------------------------------------------
-- Each entry's hash covers the previous entry's hash and the entry itself. Entries are linked
-- at commit (a deferred constraint trigger), under an advisory lock, so the chain follows commit
-- order and the lock is held only for the commit. `npm run audit:verify` walks the chain.

CREATE FUNCTION "audit_entry_hash"(prev_hash TEXT, entry "AuditLog") RETURNS TEXT
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws(E'\x1f',
    prev_hash,
    entry."id"::text,
    coalesce(entry."actorId"::text, ''),
    entry."action",
    entry."entityType",
    entry."entityId",
    coalesce(entry."before"::text, ''),
    coalesce(entry."after"::text, ''),
    coalesce(entry."requestId", ''),
    to_char(entry."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
  ), 'UTF8')), 'hex')
$$;

CREATE FUNCTION "audit_chain_link"() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  last_seq BIGINT;
  last_hash TEXT;
  entry "AuditLog";
BEGIN
  PERFORM pg_advisory_xact_lock(727367001);
  SELECT "chainSeq", "hash" INTO last_seq, last_hash
    FROM "AuditLog" WHERE "chainSeq" IS NOT NULL ORDER BY "chainSeq" DESC LIMIT 1;
  SELECT * INTO entry FROM "AuditLog" WHERE "id" = NEW."id";
  UPDATE "AuditLog"
     SET "chainSeq" = coalesce(last_seq, 0) + 1,
         "prevHash" = coalesce(last_hash, 'genesis'),
         "hash" = "audit_entry_hash"(coalesce(last_hash, 'genesis'), entry)
   WHERE "id" = NEW."id";
  RETURN NULL;
END
$$;

-- Entries written before this migration join the chain in the order they were written.
DO $$
DECLARE
  entry "AuditLog";
  prev TEXT := 'genesis';
  seq BIGINT := 0;
BEGIN
  FOR entry IN SELECT * FROM "AuditLog" ORDER BY "id" LOOP
    seq := seq + 1;
    UPDATE "AuditLog" SET "chainSeq" = seq, "prevHash" = prev, "hash" = "audit_entry_hash"(prev, entry) WHERE "id" = entry."id";
    prev := "audit_entry_hash"(prev, entry);
  END LOOP;
END
$$;

CREATE CONSTRAINT TRIGGER "audit_chain_link" AFTER INSERT ON "AuditLog"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "audit_chain_link"();

-- Append-only: a linked entry can be neither changed nor deleted.
CREATE FUNCTION "audit_log_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD."chainSeq" IS NOT NULL THEN
    RAISE EXCEPTION 'the audit log is append-only (entry %)', OLD."id" USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
