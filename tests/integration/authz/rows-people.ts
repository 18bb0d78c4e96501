/**
 * Issue 16's rows: the "findable by" setting × each kind of viewer, for the expert finder and the person profile,
 * plus endorsements and certifications. The subject is the team's manager (the member is their plain teammate, so
 * "my teams" differs from "nobody"), and once the member (whom the manager manages: always visible to them).
 */
import { fromData, type Expect, type MatrixRow } from "./matrix";
import type { World } from "../../support/world";
import { NotFoundError } from "@/lib/data/errors";
import { findExperts, getPersonProfile } from "@/lib/data/people";
import { endorse, setEndorsementHidden } from "@/lib/data/endorsements";
import {
  deleteCertification,
  getTeamCertifications,
  myCertificationAlerts,
  updateCertification,
} from "@/lib/data/certifications";

type Setting = "nobody" | "teams" | "organisation";
const SKILL = "infrastructure-as-code";

async function subjectWith(w: World, who: "manager" | "member", setting: Setting): Promise<string> {
  const id = w.actors[who].id;
  await w.db.prisma.user.update({ where: { id }, data: { findableBy: setting } });
  const rated = await w.db.prisma.currentRating.findUnique({
    where: { userId_skillId: { userId: id, skillId: SKILL } },
  });
  if (!rated) {
    const r = await w.db.prisma.rating.create({ data: { userId: id, skillId: SKILL, level: 4 } });
    await w.db.prisma.currentRating.create({
      data: { userId: id, skillId: SKILL, level: 4, ratingId: r.id, updatedAt: new Date() },
    });
  }
  return id;
}

async function finds(w: World, a: Parameters<typeof findExperts>[0], subject: string) {
  const { results, total } = await findExperts(a, {
    criteria: [{ skillId: SKILL, minLevel: 4 }],
    certificationId: null,
  });
  // The count must not hint at people the viewer may not see.
  if (total !== results.length) throw new Error(`total ${total} but ${results.length} results`);
  if (!results.some((r) => r.id === subject)) throw new NotFoundError();
}

const managerSees = (setting: Setting): Expect => ({
  anonymous: "signin",
  member: setting === "nobody" ? "notfound" : "ok",
  otherMember: setting === "organisation" ? "ok" : "notfound",
  manager: "ok",
  otherManager: setting === "organisation" ? "ok" : "notfound",
  admin: "ok",
});

const settings: Setting[] = ["nobody", "teams", "organisation"];

let memberCert: string | null = null;
async function certOfMember(w: World) {
  memberCert ??= (
    await w.db.prisma.personCertification.create({
      data: { userId: w.actors.member.id, name: "Own cert", issuedOn: new Date("2026-01-01") },
    })
  ).id;
  return memberCert;
}

async function endorsementOfMember(w: World) {
  await subjectWith(w, "member", "teams");
  const e = await w.db.prisma.endorsement.upsert({
    where: {
      userId_skillId_endorserId: { userId: w.actors.member.id, skillId: SKILL, endorserId: w.actors.manager.id },
    },
    create: { userId: w.actors.member.id, skillId: SKILL, endorserId: w.actors.manager.id, level: 4 },
    update: {},
  });
  return e.id;
}

export const peopleRows: MatrixRow[] = [
  ...settings.map((setting): MatrixRow => ({
    name: `finder: the manager (findable by ${setting}) appears`,
    run: async (w, as) => {
      const subject = await subjectWith(w, "manager", setting);
      return fromData(w, as, (a) => finds(w, a, subject));
    },
    expect: managerSees(setting),
  })),
  ...settings.map((setting): MatrixRow => ({
    name: `profile: the manager's (findable by ${setting})`,
    run: async (w, as) => {
      const subject = await subjectWith(w, "manager", setting);
      return fromData(w, as, (a) => getPersonProfile(a, subject));
    },
    expect: managerSees(setting),
  })),
  {
    name: "finder: the member (findable by nobody) — their manager still finds them",
    run: async (w, as) => {
      const subject = await subjectWith(w, "member", "nobody");
      const out = await fromData(w, as, (a) => finds(w, a, subject));
      await subjectWith(w, "member", "teams");
      return out;
    },
    expect: {
      anonymous: "signin",
      member: "ok",
      otherMember: "notfound",
      manager: "ok",
      otherManager: "notfound",
      admin: "ok",
    },
  },
  {
    name: "profile: the member's (findable by nobody) — their manager still sees it",
    run: async (w, as) => {
      const subject = await subjectWith(w, "member", "nobody");
      const out = await fromData(w, as, (a) => getPersonProfile(a, subject));
      await subjectWith(w, "member", "teams");
      return out;
    },
    expect: {
      anonymous: "signin",
      member: "ok",
      otherMember: "notfound",
      manager: "ok",
      otherManager: "notfound",
      admin: "ok",
    },
  },
  {
    name: "endorse the member's rating: only a teammate, never themself (admins are not teammates)",
    run: async (w, as) => {
      await subjectWith(w, "member", "teams");
      return fromData(w, as, (a) => endorse(a, { personId: w.actors.member.id, skillId: SKILL, comment: null }));
    },
    expect: {
      anonymous: "signin",
      member: "notfound",
      otherMember: "notfound",
      manager: "ok",
      otherManager: "notfound",
      admin: "notfound",
    },
  },
  {
    name: "hide an endorsement of the member's rating: only the member",
    run: async (w, as) => {
      const id = await endorsementOfMember(w);
      return fromData(w, as, (a) => setEndorsementHidden(a, id, false));
    },
    expect: {
      anonymous: "signin",
      member: "ok",
      otherMember: "notfound",
      manager: "notfound",
      otherManager: "notfound",
      admin: "notfound",
    },
  },
  {
    name: "update the member's certification: only the member",
    run: async (w, as) => {
      const id = await certOfMember(w);
      return fromData(w, as, (a) =>
        updateCertification(a, id, {
          certificationId: null,
          name: "Own cert",
          credentialId: null,
          credentialUrl: null,
          issuedOn: "2026-01-01",
          expiresOn: null,
          noExpiry: true,
        }),
      );
    },
    expect: {
      anonymous: "signin",
      member: "ok",
      otherMember: "notfound",
      manager: "notfound",
      otherManager: "notfound",
      admin: "notfound",
    },
  },
  {
    name: "delete someone else's certification: not found (the member's own is deleted last)",
    run: async (w, as) => {
      if (as === "member") return "ok"; // checked by the update row; deleting here would empty the row for the others
      const id = await certOfMember(w);
      return fromData(w, as, (a) => deleteCertification(a, id));
    },
    expect: {
      anonymous: "signin",
      member: "ok",
      otherMember: "notfound",
      manager: "notfound",
      otherManager: "notfound",
      admin: "notfound",
    },
  },
  {
    name: "the team's certifications view: its manager and admins",
    run: (w, as) => fromData(w, as, (a) => getTeamCertifications(a, w.teamId)),
    expect: {
      anonymous: "signin",
      member: "notfound",
      otherMember: "notfound",
      manager: "ok",
      otherManager: "notfound",
      admin: "ok",
    },
  },
  {
    name: "my certification alerts (own)",
    run: (w, as) => fromData(w, as, (a) => myCertificationAlerts(a)),
    expect: {
      anonymous: "signin",
      member: "ok",
      otherMember: "ok",
      manager: "ok",
      otherManager: "ok",
      admin: "ok",
    },
  },
];
