import { randomBytes } from "node:crypto";
import { createTestDb, installAsAppDb, type TestDb } from "./test-db";
import { applyTaxonomy } from "@/lib/data/taxonomy-sync";
import { loadTaxonomy } from "@/lib/taxonomy/load";
import type { SessionActor } from "@/lib/auth/session";

export type ActorName = "anonymous" | "member" | "otherMember" | "manager" | "otherManager" | "admin";
export const ACTORS: ActorName[] = ["anonymous", "member", "otherMember", "manager", "otherManager", "admin"];

export type World = {
  db: TestDb;
  tag: string;
  actors: Record<Exclude<ActorName, "anonymous">, SessionActor>;
  teamId: string;
  otherTeamId: string;
  actor(name: ActorName): SessionActor | null;
};

/** A database with the shipped taxonomy and the six actors of the authorization matrix, all uniquely named. */
export async function createWorld(): Promise<World> {
  const db = await createTestDb();
  installAsAppDb(db);
  await applyTaxonomy(db.prisma, loadTaxonomy(), "test");
  const tag = randomBytes(4).toString("hex");
  const mk = async (key: string, isAdmin = false) => {
    const u = await db.prisma.user.create({
      data: { email: `${key}-${tag}@test.local`, name: `${key} ${tag}`, isAdmin, emailVerified: new Date() },
    });
    const s = await db.prisma.session.create({
      data: { userId: u.id, sessionToken: `t-${u.id}`, expires: new Date(Date.now() + 86_400_000) },
    });
    return { id: u.id, isAdmin, name: u.name, email: u.email, verified: true, sessionId: s.id };
  };
  const actors = {
    member: await mk("member"),
    otherMember: await mk("other-member"),
    manager: await mk("manager"),
    otherManager: await mk("other-manager"),
    admin: await mk("admin", true),
  };
  const team = await db.prisma.team.create({ data: { name: `Team ${tag}` } });
  const other = await db.prisma.team.create({ data: { name: `Other team ${tag}` } });
  await db.prisma.teamMembership.createMany({
    data: [
      { teamId: team.id, userId: actors.member.id, role: "member" },
      { teamId: team.id, userId: actors.manager.id, role: "manager" },
      { teamId: other.id, userId: actors.otherMember.id, role: "member" },
      { teamId: other.id, userId: actors.otherManager.id, role: "manager" },
    ],
  });
  return {
    db,
    tag,
    actors,
    teamId: team.id,
    otherTeamId: other.id,
    actor: (name) => (name === "anonymous" ? null : actors[name]),
  };
}
