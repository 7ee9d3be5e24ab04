-- Needs raised on a page of visits are counted by visit id (visit and activity pages).
CREATE INDEX "Need_visitId_idx" ON "Need"("visitId");
