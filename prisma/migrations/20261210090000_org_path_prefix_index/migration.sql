-- An org's subtree by the prefix of its materialised path (`starts_with`, `LIKE 'prefix%'`): the
-- unique index on "path" is in the database's collation, which a prefix cannot range over unless
-- it is "C"; text_pattern_ops compares bytes, so the subtree of an org is a range of this index
-- instead of a pass over every org (the people and org pages' filters, secretaries' scopes).
CREATE INDEX "Org_path_prefix_idx" ON "Org"("path" text_pattern_ops);
