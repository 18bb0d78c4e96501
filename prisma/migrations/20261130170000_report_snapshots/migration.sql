-- CreateTable
CREATE TABLE "PersonLevels" (
    "userId" TEXT NOT NULL,
    "levels" JSON NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonLevels_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "OrgTargetRole" (
    "roleId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrgTargetRole_pkey" PRIMARY KEY ("roleId")
);

-- CreateTable
CREATE TABLE "ReportSnapshot" (
    "key" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "usedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportSnapshot_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ReportSnapshot_usedAt_idx" ON "ReportSnapshot"("usedAt");

-- AddForeignKey
ALTER TABLE "PersonLevels" ADD CONSTRAINT "PersonLevels_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrgTargetRole" ADD CONSTRAINT "OrgTargetRole_roleId_fkey" FOREIGN KEY ("roleId") REFERENCES "Role"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: every person's current levels, from CurrentRating (appendRatings keeps them from now on).
INSERT INTO "PersonLevels" ("userId", "levels")
SELECT "userId", json_object_agg("skillId", "level") FROM "CurrentRating" GROUP BY "userId";
