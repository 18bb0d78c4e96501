import "server-only";
import { db } from "./db";
import { DataError, NotFoundError } from "./errors";
import { getTaxonomy } from "./taxonomy";
import type { Actor } from "@/lib/data/policy";
import type { GoalStatus } from "@/lib/domain/types";

export type GoalInput = {
  skillId: string;
  targetLevel: number;
  dueDate: Date | null;
  note: string | null;
  reviewId?: string | null;
};

/** Adds a goal to the actor's own development plan. */
export async function createGoal(actor: Actor, input: GoalInput, forUserId = actor.id) {
  const taxonomy = await getTaxonomy();
  if (!taxonomy.skills.some((s) => s.id === input.skillId))
    throw new DataError(`Unknown skill "${input.skillId}".`, { skillId: [`Unknown skill "${input.skillId}".`] });
  if (forUserId !== actor.id) throw new NotFoundError();
  const prisma = await db();
  const open = await prisma.goal.findFirst({
    where: { userId: actor.id, skillId: input.skillId, status: "open" },
    select: { id: true },
  });
  if (open)
    throw new DataError("You already have an open goal for this skill. Edit or close it first.", {
      skillId: ["An open goal for this skill already exists."],
    });
  return prisma.goal.create({
    data: {
      userId: actor.id,
      skillId: input.skillId,
      targetLevel: input.targetLevel,
      dueDate: input.dueDate,
      note: input.note,
      reviewId: input.reviewId ?? null,
    },
  });
}

/** Marks one of the actor's goals done, dropped or open again. Someone else's goal answers not found. */
export async function setGoalStatus(actor: Actor, goalId: string, status: GoalStatus) {
  const prisma = await db();
  const { count } = await prisma.goal.updateMany({ where: { id: goalId, userId: actor.id }, data: { status } });
  if (count === 0) throw new NotFoundError();
}
