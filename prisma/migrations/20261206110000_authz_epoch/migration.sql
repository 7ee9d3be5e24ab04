-- The authorisation epoch: one counter that every change to what makes up a signed-in person's
-- roles, reach or profile moves on, so that servers may keep the person loaded between requests
-- and still see any such change on the very next request (server/services/auth/actor-cache.ts).
-- Statement-level triggers: one bump per statement, whatever the number of rows; writes to these
-- tables are rare (administration, consents, household corrections), so the one row is no hot spot.

CREATE TABLE "AuthzEpoch" (
    "id" INTEGER NOT NULL,
    "value" BIGINT NOT NULL,

    CONSTRAINT "AuthzEpoch_pkey" PRIMARY KEY ("id")
);

INSERT INTO "AuthzEpoch" ("id", "value") VALUES (1, 1);

CREATE FUNCTION "authz_epoch_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "AuthzEpoch" SET "value" = "value" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Membership_authz_epoch" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Membership"
  FOR EACH STATEMENT EXECUTE FUNCTION "authz_epoch_bump"();
CREATE TRIGGER "CadreVillage_authz_epoch" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CadreVillage"
  FOR EACH STATEMENT EXECUTE FUNCTION "authz_epoch_bump"();
CREATE TRIGGER "OrgVillagePair_authz_epoch" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "OrgVillagePair"
  FOR EACH STATEMENT EXECUTE FUNCTION "authz_epoch_bump"();
CREATE TRIGGER "PrivacyConsent_authz_epoch" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PrivacyConsent"
  FOR EACH STATEMENT EXECUTE FUNCTION "authz_epoch_bump"();
-- Orgs: a new or moved org changes a secretary's subtree; a renamed one, a profile.
CREATE TRIGGER "Org_authz_epoch" AFTER INSERT OR UPDATE OF "name", "path", "parentId", "closedAt" OR DELETE OR TRUNCATE ON "Org"
  FOR EACH STATEMENT EXECUTE FUNCTION "authz_epoch_bump"();
-- Villages: a cadre's profile names them.
CREATE TRIGGER "Village_authz_epoch" AFTER UPDATE OF "name", "township", "county" OR DELETE OR TRUNCATE ON "Village"
  FOR EACH STATEMENT EXECUTE FUNCTION "authz_epoch_bump"();
-- Households: a resident's profile names theirs and its village.
CREATE TRIGGER "Household_authz_epoch" AFTER UPDATE OF "headName", "villageId", "anonymisedAt" OR DELETE OR TRUNCATE ON "Household"
  FOR EACH STATEMENT EXECUTE FUNCTION "authz_epoch_bump"();
-- Accounts: what the actor and the profile read of them (not lastLoginAt, which every login sets).
CREATE TRIGGER "User_authz_epoch" AFTER INSERT OR UPDATE OF "displayName", "isActive", "householdId", "mustChangePassword", "passwordHash" OR DELETE OR TRUNCATE ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION "authz_epoch_bump"();
