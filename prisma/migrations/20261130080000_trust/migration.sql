-- Data clean-up first, so the constraints below hold on databases created by earlier versions.
-- History and goals that point at a review which no longer exists lose the pointer (the rows stay).
UPDATE "Rating" SET "reviewId" = NULL WHERE "reviewId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Review" r WHERE r."id" = "Rating"."reviewId");
UPDATE "Goal" SET "reviewId" = NULL WHERE "reviewId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Review" r WHERE r."id" = "Goal"."reviewId");
-- Duplicate pending invitations (same team and address): keep the newest.
DELETE FROM "TeamInvitation" a USING "TeamInvitation" b
  WHERE a."teamId" = b."teamId" AND a."email" = b."email" AND a."acceptedAt" IS NULL AND b."acceptedAt" IS NULL AND a."createdAt" < b."createdAt";
-- Two open reviews of one person in one team (a race the old code allowed): the older one is closed as completed.
UPDATE "Review" a SET "state" = 'completed', "completedAt" = CURRENT_TIMESTAMP FROM "Review" b
  WHERE a."subjectId" = b."subjectId" AND a."teamId" = b."teamId" AND a."id" <> b."id" AND a."createdAt" < b."createdAt"
    AND a."state" IN ('self-assessment', 'manager-assessment', 'discussion') AND b."state" IN ('self-assessment', 'manager-assessment', 'discussion');

-- CreateEnum
CREATE TYPE "EmailTokenKind" AS ENUM ('verify_email', 'reset_password');

-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('pending', 'sent', 'failed');

-- DropForeignKey
ALTER TABLE "Review" DROP CONSTRAINT "Review_managerId_fkey";

-- DropForeignKey
ALTER TABLE "ReviewComment" DROP CONSTRAINT "ReviewComment_authorId_fkey";

-- AlterTable
ALTER TABLE "Review" ALTER COLUMN "managerId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "ReviewComment" ALTER COLUMN "authorId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "userAgent" TEXT;

-- AlterTable
ALTER TABLE "TeamInvitation" ADD COLUMN     "declinedAt" TIMESTAMP(3),
ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "tokenHash" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "deactivatedAt" TIMESTAMP(3);

-- Pending invitations from before consent existed now wait for the invitee to accept, for two more weeks.
UPDATE "TeamInvitation" SET "expiresAt" = CURRENT_TIMESTAMP + interval '14 days' WHERE "acceptedAt" IS NULL;

-- DropTable
DROP TABLE "LoginAttempt";

-- CreateTable
CREATE TABLE "EmailToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "EmailTokenKind" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "status" "MailStatus" NOT NULL DEFAULT 'pending',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitEvent" (
    "id" BIGSERIAL NOT NULL,
    "bucket" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RateLimitEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EmailToken_tokenHash_key" ON "EmailToken"("tokenHash");

-- CreateIndex
CREATE INDEX "EmailToken_userId_kind_idx" ON "EmailToken"("userId", "kind");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_createdAt_idx" ON "OutboxMessage"("status", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_to_idx" ON "OutboxMessage"("to");

-- CreateIndex
CREATE INDEX "RateLimitEvent_bucket_createdAt_idx" ON "RateLimitEvent"("bucket", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Review_one_open" ON "Review"("subjectId", "teamId") WHERE (state = ANY (ARRAY['self-assessment'::text, 'manager-assessment'::text, 'discussion'::text]));

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "TeamInvitation_tokenHash_key" ON "TeamInvitation"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "TeamInvitation_one_pending" ON "TeamInvitation"("teamId", "email") WHERE ("acceptedAt" IS NULL AND "declinedAt" IS NULL);

-- AddForeignKey
ALTER TABLE "EmailToken" ADD CONSTRAINT "EmailToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Rating" ADD CONSTRAINT "Rating_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


