-- When a resident last opened one of their needs: what changed after it is on their 待办.

CREATE TABLE "NeedSeen" (
    "userId" UUID NOT NULL,
    "needId" UUID NOT NULL,
    "seenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NeedSeen_pkey" PRIMARY KEY ("userId","needId")
);

ALTER TABLE "NeedSeen" ADD CONSTRAINT "NeedSeen_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "NeedSeen" ADD CONSTRAINT "NeedSeen_needId_fkey" FOREIGN KEY ("needId") REFERENCES "Need"("id") ON DELETE CASCADE ON UPDATE CASCADE;
