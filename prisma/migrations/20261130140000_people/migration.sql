-- CreateEnum
CREATE TYPE "Findability" AS ENUM ('nobody', 'teams', 'organisation');

-- AlterTable
ALTER TABLE "CurrentRating" ADD COLUMN     "certificationId" TEXT;

-- AlterTable
ALTER TABLE "Rating" ADD COLUMN     "certificationId" TEXT;

-- AlterTable
ALTER TABLE "Skill" ADD COLUMN     "levels" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "resources" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "findableBy" "Findability" NOT NULL DEFAULT 'teams';

-- CreateTable
CREATE TABLE "Certification" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "short" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "validityMonths" INTEGER,
    "skills" TEXT[],
    "url" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "retired" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Certification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonCertification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "certificationId" TEXT,
    "name" TEXT,
    "credentialId" TEXT,
    "credentialUrl" TEXT,
    "issuedOn" DATE NOT NULL,
    "expiresOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PersonCertification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Endorsement" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "skillId" TEXT NOT NULL,
    "endorserId" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "comment" TEXT,
    "hidden" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Endorsement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PersonCertification_userId_idx" ON "PersonCertification"("userId");

-- CreateIndex
CREATE INDEX "PersonCertification_certificationId_idx" ON "PersonCertification"("certificationId");

-- CreateIndex
CREATE INDEX "Endorsement_endorserId_idx" ON "Endorsement"("endorserId");

-- CreateIndex
CREATE UNIQUE INDEX "Endorsement_userId_skillId_endorserId_key" ON "Endorsement"("userId", "skillId", "endorserId");

-- CreateIndex
CREATE INDEX "CurrentRating_skillId_level_idx" ON "CurrentRating"("skillId", "level");

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "PersonCertification"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CurrentRating" ADD CONSTRAINT "CurrentRating_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "PersonCertification"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonCertification" ADD CONSTRAINT "PersonCertification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonCertification" ADD CONSTRAINT "PersonCertification_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Endorsement" ADD CONSTRAINT "Endorsement_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Endorsement" ADD CONSTRAINT "Endorsement_endorserId_fkey" FOREIGN KEY ("endorserId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Endorsement" ADD CONSTRAINT "Endorsement_skillId_fkey" FOREIGN KEY ("skillId") REFERENCES "Skill"("id") ON DELETE CASCADE ON UPDATE CASCADE;


