-- Enum-like text columns become enums. Stored values stay the same, so existing rows convert in place.
-- Rows holding a value outside the list make the migration fail rather than lose data silently.

-- CreateEnum
CREATE TYPE "CategoryKind" AS ENUM ('technical', 'leadership');

-- CreateEnum
CREATE TYPE "Track" AS ENUM ('infrastructure', 'platform');

-- CreateEnum
CREATE TYPE "RoleKind" AS ENUM ('ic', 'manager', 'executive');

-- CreateEnum
CREATE TYPE "Importance" AS ENUM ('core', 'important', 'bonus');

-- CreateEnum
CREATE TYPE "PathKind" AS ENUM ('entry', 'progression', 'lateral');

-- CreateEnum
CREATE TYPE "RatingSource" AS ENUM ('self', 'import', 'manager');

-- CreateEnum
CREATE TYPE "GoalStatus" AS ENUM ('open', 'done', 'dropped');

-- CreateEnum
CREATE TYPE "TeamRole" AS ENUM ('member', 'manager');

-- CreateEnum
CREATE TYPE "ReviewState" AS ENUM ('self-assessment', 'manager-assessment', 'discussion', 'completed', 'acknowledged');

-- The partial index compares state with text values; it is rebuilt for the enum below.
DROP INDEX "Review_one_open";

-- AlterTable
ALTER TABLE "Category" ALTER COLUMN "kind" TYPE "CategoryKind" USING "kind"::"CategoryKind";

-- AlterTable
ALTER TABLE "Role" ALTER COLUMN "track" TYPE "Track" USING "track"::"Track",
ALTER COLUMN "kind" TYPE "RoleKind" USING "kind"::"RoleKind";

-- AlterTable
ALTER TABLE "RoleRequirement" ALTER COLUMN "importance" TYPE "Importance" USING "importance"::"Importance";

-- AlterTable
ALTER TABLE "CareerPath" ALTER COLUMN "kind" TYPE "PathKind" USING "kind"::"PathKind";

-- AlterTable
ALTER TABLE "Rating" ALTER COLUMN "source" DROP DEFAULT,
ALTER COLUMN "source" TYPE "RatingSource" USING "source"::"RatingSource",
ALTER COLUMN "source" SET DEFAULT 'self';

-- AlterTable
ALTER TABLE "CurrentRating" ALTER COLUMN "source" DROP DEFAULT,
ALTER COLUMN "source" TYPE "RatingSource" USING "source"::"RatingSource",
ALTER COLUMN "source" SET DEFAULT 'self';

-- AlterTable
ALTER TABLE "Goal" ALTER COLUMN "status" DROP DEFAULT,
ALTER COLUMN "status" TYPE "GoalStatus" USING "status"::"GoalStatus",
ALTER COLUMN "status" SET DEFAULT 'open';

-- AlterTable
ALTER TABLE "TeamMembership" ALTER COLUMN "role" DROP DEFAULT,
ALTER COLUMN "role" TYPE "TeamRole" USING "role"::"TeamRole",
ALTER COLUMN "role" SET DEFAULT 'member';

-- AlterTable
ALTER TABLE "TeamInvitation" ALTER COLUMN "role" DROP DEFAULT,
ALTER COLUMN "role" TYPE "TeamRole" USING "role"::"TeamRole",
ALTER COLUMN "role" SET DEFAULT 'member';

-- AlterTable
ALTER TABLE "Review" ALTER COLUMN "state" DROP DEFAULT,
ALTER COLUMN "state" TYPE "ReviewState" USING "state"::"ReviewState",
ALTER COLUMN "state" SET DEFAULT 'self-assessment';

-- CreateIndex
CREATE UNIQUE INDEX "Review_one_open" ON "Review"("subjectId", "teamId") WHERE (state = ANY (ARRAY['self-assessment'::"ReviewState", 'manager-assessment'::"ReviewState", 'discussion'::"ReviewState"]));

-- DropTable: next-auth uses it only for email sign-in links, and this app has no email provider.
DROP TABLE "VerificationToken";

-- DropTable: nothing reads or writes it.
DROP TABLE "AppSetting";
