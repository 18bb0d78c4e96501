import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { session, sessionModule } from "../support/session-mock";
import { createWorld, type World } from "../support/world";
import {
  applyPlan,
  applyValuePlan,
  changedTables,
  dbWatcher,
  FUZZ_SEED,
  getIn,
  hostileValue,
  LEAK,
  newTally,
  pathsOf,
  planArb,
  samePlace,
  setIn,
  summarise,
  summaryLine,
  valuePlanArb,
  type Applied,
  type DbState,
  type Tally,
} from "../support/fuzz";
import { isoDay } from "@/lib/validation";
import type { SessionActor } from "@/lib/auth/session";
import type { ActionResult } from "@/lib/actions/safe-action";
import { startReview } from "@/lib/data/review-writes";
import { loadTaxonomy, toExportDocument } from "@/lib/taxonomy/load";
import { getTaxonomy } from "@/lib/data/taxonomy";
import * as authActions from "@/app/(auth)/actions";
import * as accountActions from "@/app/(app)/account/actions";
import * as adminActions from "@/app/(app)/admin/actions";
import { importTaxonomyAction } from "@/app/(app)/admin/actions";
import * as meActions from "@/app/(app)/me/actions";
import * as reviewActions from "@/app/(app)/reviews/actions";
import * as teamActions from "@/app/(app)/teams/actions";
import * as invitationActions from "@/app/(app)/invitations/actions";
import * as peopleActions from "@/app/(app)/people/actions";
import * as certificationActions from "@/app/(app)/me/certifications/actions";
import * as whatIfActions from "@/app/(app)/dashboard/what-if-actions";
import * as reportActions from "@/app/(app)/reports/actions";
import * as notificationActions from "@/app/(app)/notifications/actions";
import * as notificationPreferenceActions from "@/app/(app)/account/notification-actions";
import * as cycleActions from "@/app/(app)/cycles/actions";
import * as adminUserActions from "@/app/(app)/admin/users/actions";
import * as settingsActions from "@/app/(app)/admin/settings-actions";
import * as tokenActions from "@/app/(app)/account/tokens/actions";
import * as mergeActions from "@/app/(app)/admin/merge/actions";
import * as taxonomyEditorActions from "@/app/(app)/admin/taxonomy/actions";
import * as scimActions from "@/app/(app)/admin/scim/actions";
import { startDraft } from "@/lib/data/taxonomy-draft";

import { createApiToken } from "@/lib/data/api-tokens";

vi.mock("@/lib/auth/session", () => sessionModule);

/** Every file of server actions: each export must have a fuzz spec below, so a new action cannot be missed. */
const modules: Record<string, Record<string, unknown>> = {
  auth: authActions,
  account: accountActions,
  admin: adminActions,
  me: meActions,
  reviews: reviewActions,
  teams: teamActions,
  invitations: invitationActions,
  people: peopleActions,
  certifications: certificationActions,
  whatIf: whatIfActions,
  reports: reportActions,
  notifications: notificationActions,
  notificationPrefs: notificationPreferenceActions,
  cycles: cycleActions,
  adminUsers: adminUserActions,
  settings: settingsActions,
  tokens: tokenActions,
  merge: mergeActions,
  taxonomyEditor: taxonomyEditorActions,
  scim: scimActions,
};

type Payload = Record<string, unknown>;
type Setup = {
  reviews: Record<
    "selfAssessment" | "discussion" | "completed",
    { id: string; subject: SessionActor; skills: string[] }
  >;
  goalId: string;
  invitationId: () => Promise<string>;
  removable: () => Promise<string>;
  invitee: SessionActor;
  openInvitation: () => Promise<string>;
};
type Spec = {
  /** Who calls: the actor with the rights to get furthest into the action. */
  as: (w: World, s: Setup) => SessionActor;
  /** A payload that passes validation (it may still be refused by the data layer); built per call. */
  base: (w: World, s: Setup, n: number) => Promise<Payload> | Payload;
  /** Slow actions (argon2 hashing) get fewer inputs. */
  runs?: number;
};

const skills = loadTaxonomy().skills.map((s) => s.id);
const skillCategory = new Map(loadTaxonomy().skills.map((s) => [s.id, s.category]));
const roles = loadTaxonomy().roles.map((r) => r.id);
/** The shared draft's revision as a form sends it (a draft is started when none is open). */
const draftRevision = async (w: World) => String((await startDraft(w.actors.admin)).revision);
// A due date that stays valid ("today or later") whenever the suite runs.
const DUE = isoDay(new Date(Date.now() + 90 * 86_400_000));
const version = async (w: World, id: string) =>
  (await w.db.prisma.review.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
/** FUZZ_RUNS=500 digs deeper locally; the default keeps `npm test` quick. */
const RUNS = Number(process.env.FUZZ_RUNS) || 60;
const runsFor = (spec: Spec) => (process.env.FUZZ_RUNS ? RUNS : (spec.runs ?? RUNS));

const specs: Record<string, Spec> = {
  "auth.signUp": {
    as: (w) => w.actors.member,
    base: (w, _s, n) => ({
      name: "Fuzz Person",
      email: `fuzz-${n}-${w.tag}@test.local`,
      password: "correct horse battery staple",
    }),
    runs: 40,
  },
  "auth.forgotPasswordAction": {
    as: (w) => w.actors.member,
    base: (w, _s, n) => ({ email: n % 2 ? w.actors.member.email : `nobody-${n}-${w.tag}@test.local` }),
    runs: 30,
  },
  "auth.resetPasswordAction": {
    as: (w) => w.actors.member,
    base: (_w, _s, n) => ({ token: `${"T".repeat(40)}${n}`, password: "a fresh long passphrase" }),
    runs: 30,
  },
  "auth.verifyEmailAction": { as: (w) => w.actors.member, base: (_w, _s, n) => ({ token: `${"V".repeat(40)}${n}` }) },
  "auth.resendVerificationAction": { as: (w) => w.actors.member, base: () => ({}) },
  "account.signOutEverywhereAction": { as: (w) => w.actors.otherManager, base: () => ({}) },
  "account.endSessionAction": {
    as: (w) => w.actors.otherMember,
    base: (w) => ({ sessionId: w.actors.member.sessionId }),
  },
  "admin.setUserActiveAction": {
    as: (w) => w.actors.admin,
    base: (w) => ({ userId: w.actors.otherMember.id, active: "true" }),
  },
  "account.updateNameAction": { as: (w) => w.actors.otherMember, base: () => ({ name: "Renamed Person" }) },
  "account.changePasswordAction": {
    as: (w) => w.actors.otherManager,
    base: () => ({ currentPassword: "wrong password entirely", newPassword: "another long passphrase" }),
    runs: 40,
  },
  "account.deleteAccountAction": {
    as: (w) => w.actors.otherMember,
    base: () => ({ confirmEmail: "someone-else@test.local" }),
  },
  "admin.importTaxonomyAction": {
    as: (w) => w.actors.admin,
    base: () => ({ fileName: "taxonomy.json", text: `{"version":"fuzz"}` }),
    runs: 40,
  },
  "account.setFindabilityAction": {
    as: (w) => w.actors.otherMember,
    base: (_w, _s, n) => ({ findableBy: ["nobody", "teams", "organisation"][n % 3] }),
  },
  "people.endorseAction": {
    as: (w) => w.actors.manager,
    base: (w) => ({ personId: w.actors.member.id, skillId: "linux", comment: "I've seen this" }),
  },
  "people.withdrawEndorsementAction": {
    as: (w) => w.actors.manager,
    base: (w) => ({ personId: w.actors.member.id, skillId: "linux" }),
  },
  "people.setEndorsementHiddenAction": {
    as: (w) => w.actors.member,
    base: async (w) => {
      const e = await w.db.prisma.endorsement.upsert({
        where: {
          userId_skillId_endorserId: { userId: w.actors.member.id, skillId: "linux", endorserId: w.actors.manager.id },
        },
        create: { userId: w.actors.member.id, skillId: "linux", endorserId: w.actors.manager.id, level: 2 },
        update: {},
      });
      return { endorsementId: e.id, hidden: "true" };
    },
  },
  "certifications.addCertificationAction": {
    as: (w) => w.actors.otherManager,
    base: (_w, _s, n) => ({
      certificationId: n % 2 ? "cka" : "",
      name: n % 2 ? "" : "Internal platform badge",
      credentialId: "ABC-123",
      credentialUrl: "https://example.com/cred",
      issuedOn: "2025-06-01",
      expiresOn: "",
      noExpiry: "",
    }),
  },
  "certifications.updateCertificationAction": {
    as: (w) => w.actors.otherManager,
    base: async (w) => {
      const c = await w.db.prisma.personCertification.create({
        data: { userId: w.actors.otherManager.id, name: "Editable", issuedOn: new Date("2025-01-01") },
      });
      return {
        certId: c.id,
        certificationId: "",
        name: "Edited name",
        credentialId: "",
        credentialUrl: "",
        issuedOn: "2025-02-01",
        expiresOn: "2027-02-01",
        noExpiry: "",
      };
    },
  },
  "certifications.deleteCertificationAction": {
    as: (w) => w.actors.otherManager,
    base: async (w) => {
      const c = await w.db.prisma.personCertification.create({
        data: { userId: w.actors.otherManager.id, name: "Deletable", issuedOn: new Date("2025-01-01") },
      });
      return { certId: c.id };
    },
  },
  "notifications.openNotificationAction": {
    as: (w) => w.actors.member,
    base: async (w, _s, n) => {
      const row = await w.db.prisma.notification.create({
        data: {
          userId: w.actors.member.id,
          kind: "goal_due",
          key: `fuzz-open-${n}-${Math.random()}`,
          title: "T",
          body: "B",
          link: "/dashboard",
        },
      });
      return { id: row.id };
    },
  },
  "notifications.markNotificationReadAction": {
    as: (w) => w.actors.member,
    base: async (w, _s, n) => {
      const row = await w.db.prisma.notification.create({
        data: {
          userId: w.actors.member.id,
          kind: "goal_due",
          key: `fuzz-read-${n}-${Math.random()}`,
          title: "T",
          body: "B",
          link: "/dashboard",
        },
      });
      return { id: row.id };
    },
  },
  "notifications.markAllReadAction": {
    as: (w) => w.actors.member,
    base: () => ({}),
  },
  "notificationPrefs.setNotificationPreferencesAction": {
    as: (w) => w.actors.otherMember,
    base: (_w, _s, n) => ({
      kinds: { goal_due: { inApp: n % 2 === 0, email: n % 3 === 0 }, review_waiting: { inApp: true, email: false } },
      digest: n % 2 === 1,
    }),
  },
  "cycles.launchCycleAction": {
    as: (w) => w.actors.otherManager,
    base: (w, _s, n) => ({
      name: `Fuzz cycle ${n}`,
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
      selfDeadline: "2027-02-01",
      managerDeadline: "2027-02-15",
      allTeams: "false",
      teamIds: [w.otherTeamId],
    }),
  },
  "cycles.closeCycleAction": {
    as: (w) => w.actors.admin,
    base: async (w, _s, n) => {
      const c = await w.db.prisma.reviewCycle.create({
        data: {
          name: `Closable ${n}`,
          periodStart: new Date("2027-01-01"),
          periodEnd: new Date("2027-03-31"),
          selfDeadline: new Date("2027-02-01"),
          managerDeadline: new Date("2027-02-15"),
          createdById: w.actors.admin.id,
        },
      });
      return { cycleId: c.id };
    },
  },
  // Throwaway targets, so no actor of the world is promoted or deleted.
  "adminUsers.setAdminAction": {
    as: (w) => w.actors.admin,
    base: async (w, _s, n) => ({
      userId: (
        await w.db.prisma.user.create({
          data: {
            email: `fuzz-adm-${n}-${w.tag}-${Math.random().toString(36).slice(2)}@test.local`,
            name: "Fuzz Admin",
          },
        })
      ).id,
      isAdmin: "true",
    }),
  },
  "adminUsers.resendVerificationForAction": {
    as: (w) => w.actors.admin,
    base: async (w, _s, n) => ({
      userId: (
        await w.db.prisma.user.create({
          data: {
            email: `fuzz-rv-${n}-${w.tag}-${Math.random().toString(36).slice(2)}@test.local`,
            name: "Fuzz Resend",
          },
        })
      ).id,
    }),
  },
  "adminUsers.deleteUserAction": {
    as: (w) => w.actors.admin,
    base: async (w, _s, n) => ({
      userId: (
        await w.db.prisma.user.create({
          data: {
            email: `fuzz-del-${n}-${w.tag}-${Math.random().toString(36).slice(2)}@test.local`,
            name: "Fuzz Delete",
          },
        })
      ).id,
    }),
  },
  // Past 20 active tokens the admin is refused with a form-level message, which the fuzzer accepts as named.
  "tokens.createApiTokenAction": {
    as: (w) => w.actors.admin,
    base: (_w, _s, n) => ({
      kind: n % 2 ? "service" : "personal",
      name: `Fuzz token ${n}`,
      scopes: ["ratings:read", "teams:read"],
      expiresIn: "30",
    }),
    runs: 30,
  },
  "tokens.revokeApiTokenAction": {
    as: (w) => w.actors.member,
    base: async (w) => {
      const { summary } = await createApiToken(w.actors.member, {
        name: "to revoke",
        kind: "personal",
        scopes: ["ratings:read"],
        expiresInDays: 7,
      });
      await w.db.prisma.apiToken.update({ where: { id: summary.id }, data: { revokedAt: new Date() } });
      return { tokenId: summary.id };
    },
  },
  // The preview numbers never match (no skill has 999,999 ratings), so every merge is refused and the taxonomy stays.
  "merge.mergeSkillsAction": {
    as: (w) => w.actors.admin,
    base: (_w, _s, n) => ({
      sourceId: skills[n % skills.length],
      targetId: skills[(n + 1) % skills.length],
      expectedPeople: "0",
      expectedRatings: "999999",
    }),
    runs: 30,
  },
  "merge.unmergeSkillsAction": { as: (w) => w.actors.admin, base: () => ({ mergeId: "no-such-merge" }) },
  // Draft edits change only the draft; publishing is sent with a revision the draft never reaches, so it is refused.
  "taxonomyEditor.startDraftAction": { as: (w) => w.actors.admin, base: () => ({}) },
  "taxonomyEditor.saveSkillAction": {
    as: (w) => w.actors.admin,
    base: async (w, _s, n) => {
      const skillId = skills[n % skills.length];
      return {
        revision: await draftRevision(w),
        skillId,
        name: `Fuzzed skill ${n}`,
        description: "A description from the fuzzer.",
        category: skillCategory.get(skillId),
        aliases: `fuzz alias ${n}`,
        tools: "tool one\ntool two",
        levels: ["one", "two", "three", "four", "five"],
        resources: [{ title: "Docs", url: "https://example.com/docs", level: "2" }],
      };
    },
    runs: 30,
  },
  "taxonomyEditor.addSkillAction": {
    as: (w) => w.actors.admin,
    base: async (w, _s, n) => ({
      revision: await draftRevision(w),
      name: `Fuzz new skill ${n}`,
      id: `fuzz-new-${n}`,
      category: skillCategory.get(skills[0]),
    }),
    runs: 30,
  },
  "taxonomyEditor.retireSkillAction": {
    as: (w) => w.actors.admin,
    base: async (w, _s, n) => ({ revision: await draftRevision(w), skillId: skills[(n * 7) % skills.length] }),
    runs: 30,
  },
  "taxonomyEditor.saveRequirementsAction": {
    as: (w) => w.actors.admin,
    base: async (w, _s, n) => ({
      revision: await draftRevision(w),
      roleId: roles[n % roles.length],
      requirements: [{ skill: skills[n % skills.length], level: String(1 + (n % 5)), importance: "core" }],
    }),
    runs: 30,
  },
  "taxonomyEditor.savePathsAction": {
    as: (w) => w.actors.admin,
    base: async (w, _s, n) => ({
      revision: await draftRevision(w),
      roleId: roles[n % roles.length],
      paths: [{ to: roles[(n + 1) % roles.length], kind: "progression" }],
    }),
    runs: 30,
  },
  "taxonomyEditor.discardDraftAction": {
    as: (w) => w.actors.admin,
    base: async (w) => ({ revision: await draftRevision(w) }),
    runs: 30,
  },
  "taxonomyEditor.publishDraftAction": {
    as: (w) => w.actors.admin,
    base: async (w, _s, n) => {
      await draftRevision(w);
      return { revision: "1999999999", version: `fuzz-${n}` };
    },
    runs: 30,
  },
  // A fresh SCIM group per call (as the identity provider would push it), linked to a new team or unlinked.
  "scim.linkScimGroupAction": {
    as: (w) => w.actors.admin,
    base: async (w, _s, n) => ({
      groupId: (await w.db.prisma.scimGroup.create({ data: { displayName: `Fuzz group ${n} ${Math.random()}` } })).id,
      teamId: "new",
    }),
    runs: 30,
  },
  "scim.unlinkScimGroupAction": {
    as: (w) => w.actors.admin,
    base: async (w, _s, n) => ({
      groupId: (await w.db.prisma.scimGroup.create({ data: { displayName: `Fuzz unlink ${n} ${Math.random()}` } })).id,
    }),
    runs: 30,
  },
  "settings.setManagersCreateTeamsAction": {
    as: (w) => w.actors.admin,
    base: () => ({ allowed: "false" }),
  },
  "reports.setOrgTargetAction": {
    as: (w) => w.actors.admin,
    base: (_w, _s, n) => ({
      roles: [
        { roleId: "cloud-engineer", count: n % 7 },
        { roleId: "platform-engineer", count: 1 + (n % 40) },
      ],
    }),
  },
  "whatIf.saveWhatIfGoalsAction": {
    as: (w) => w.actors.otherMember,
    base: (_w, _s, n) => ({ raise: [`${skills[n % skills.length]}:${1 + (n % 5)}`] }),
  },
  "me.saveRatingsAction": {
    as: (w) => w.actors.member,
    base: (_w, _s, n) => ({
      ratings: [
        {
          skillId: skills[n % skills.length],
          level: n % 6,
          note: "from fuzz",
          evidenceUrl: "https://example.com/x",
          wantsToGrow: "yes",
        },
      ],
    }),
  },
  "me.setRolesAction": {
    as: (w) => w.actors.member,
    base: () => ({ currentRoleId: "infrastructure-engineer", targetRoleId: "platform-engineer" }),
  },
  "me.createGoalAction": {
    as: (w) => w.actors.member,
    base: (_w, _s, n) => ({ skillId: skills[n % skills.length], targetLevel: 3, dueDate: DUE, note: "Practise" }),
  },
  "me.setGoalStatusAction": {
    as: (w) => w.actors.member,
    base: (_w, s, n) => ({ goalId: s.goalId, status: (["open", "done", "dropped"] as const)[n % 3] }),
  },
  "me.importRatingsAction": {
    as: (w) => w.actors.member,
    base: (_w, _s, n) => ({ csv: `skill_id,level,note\n${skills[n % skills.length]},${n % 6},imported\n` }),
  },
  "reviews.startReviewAction": {
    as: (w) => w.actors.manager,
    base: (w) => ({ teamId: w.teamId, subjectId: w.actors.member.id, period: "2026 H2", dueDate: DUE }),
  },
  "reviews.saveAssessmentAction": {
    as: (_w, s) => s.reviews.selfAssessment.subject,
    base: async (w, s, n) => ({
      reviewId: s.reviews.selfAssessment.id,
      version: await version(w, s.reviews.selfAssessment.id),
      levels: [{ skillId: s.reviews.selfAssessment.skills[0], level: n % 6 }],
    }),
  },
  "reviews.saveAgreementAction": {
    as: (w) => w.actors.manager,
    base: async (w, s, n) => ({
      reviewId: s.reviews.discussion.id,
      version: await version(w, s.reviews.discussion.id),
      agreed: [{ skillId: s.reviews.discussion.skills[0], level: n % 6 }],
      summary: "Agreed",
    }),
  },
  "reviews.transitionAction": {
    as: (_w, s) => s.reviews.selfAssessment.subject,
    base: async (w, s) => ({
      reviewId: s.reviews.selfAssessment.id,
      version: await version(w, s.reviews.selfAssessment.id),
      event: "submit-self",
      comment: "Done",
    }),
  },
  "reviews.commentAction": {
    as: (w) => w.actors.manager,
    base: async (w, s) => ({
      reviewId: s.reviews.discussion.id,
      version: await version(w, s.reviews.discussion.id),
      skillId: s.reviews.discussion.skills[1],
      body: "Let us talk about this",
    }),
  },
  "reviews.amendAction": {
    as: (w) => w.actors.manager,
    base: async (w, s, n) => ({
      reviewId: s.reviews.completed.id,
      version: await version(w, s.reviews.completed.id),
      skillId: s.reviews.completed.skills[0],
      toLevel: n % 6,
      reason: "New evidence",
    }),
  },
  "reviews.reviewGoalAction": {
    as: (w) => w.actors.manager,
    base: async (w, s) => ({
      reviewId: s.reviews.discussion.id,
      version: await version(w, s.reviews.discussion.id),
      skillId: s.reviews.discussion.skills[2],
      targetLevel: 4,
      dueDate: DUE,
      note: "Pair with a senior",
    }),
  },
  "teams.createTeamAction": {
    as: (w) => w.actors.admin,
    base: (w, _s, n) => ({
      name: `Fuzz team ${n} ${w.tag}`,
      description: "Made by the fuzzer",
      managerEmail: w.actors.manager.email,
    }),
  },
  "teams.inviteAction": {
    as: (w) => w.actors.admin,
    base: (w, _s, n) => ({
      teamId: w.teamId,
      email: `invitee-${n}-${w.tag}@test.local`,
      role: n % 2 ? "member" : "manager",
    }),
  },
  "teams.cancelInvitationAction": {
    as: (w) => w.actors.manager,
    base: async (w, s) => ({ teamId: w.teamId, invitationId: await s.invitationId() }),
  },
  "teams.changeRoleAction": {
    as: (w) => w.actors.admin,
    base: async (w, s, n) => ({ teamId: w.teamId, userId: await s.removable(), role: n % 2 ? "member" : "manager" }),
  },
  "invitations.acceptInvitationAction": {
    as: (_w, s) => s.invitee,
    base: async (_w, s) => ({ invitationId: await s.openInvitation() }),
  },
  "invitations.declineInvitationAction": {
    as: (_w, s) => s.invitee,
    base: async (_w, s) => ({ invitationId: await s.openInvitation() }),
  },
  "teams.removeMemberAction": {
    as: (w) => w.actors.manager,
    base: async (w, s) => ({ teamId: w.teamId, userId: await s.removable() }),
  },
  "teams.setTargetAction": {
    as: (w) => w.actors.manager,
    base: (w, _s, n) => ({
      teamId: w.teamId,
      roles: [{ roleId: "platform-engineer", count: 1 + (n % 3) }],
      skills: [{ skillId: skills[n % skills.length], level: 3, count: 1 }],
    }),
  },
};

let w: World;
let setup: Setup;

async function reviewIn(state: "self_assessment" | "discussion" | "completed", key: string) {
  const prisma = w.db.prisma;
  const u = await prisma.user.create({
    data: {
      email: `${key}-${w.tag}@test.local`,
      name: key,
      currentRoleId: "infrastructure-engineer",
      targetRoleId: "platform-engineer",
    },
  });
  await prisma.teamMembership.create({ data: { teamId: w.teamId, userId: u.id, role: "member" } });
  const r = await startReview(w.actors.manager, {
    teamId: w.teamId,
    subjectId: u.id,
    period: "2026 H1",
    dueDate: new Date("2027-01-31T23:59:59Z"),
  });
  if (state !== "self_assessment") {
    await prisma.reviewSkill.updateMany({
      where: { reviewId: r.id },
      data: { selfLevel: 2, managerLevel: 3, agreedLevel: 3 },
    });
    await prisma.review.update({
      where: { id: r.id },
      data: {
        state,
        summary: state === "completed" ? "Done" : null,
        completedAt: state === "completed" ? new Date() : null,
      },
    });
  }
  const lines = await prisma.reviewSkill.findMany({
    where: { reviewId: r.id },
    orderBy: { skillId: "asc" },
    select: { skillId: true },
  });
  const s = await prisma.session.create({
    data: { userId: u.id, sessionToken: `t-${u.id}`, expires: new Date(Date.now() + 86_400_000) },
  });
  return {
    id: r.id,
    subject: { id: u.id, isAdmin: false, name: u.name, email: u.email, verified: true, sessionId: s.id },
    skills: lines.map((l) => l.skillId),
  };
}

beforeAll(async () => {
  w = await createWorld();
  dbState = dbWatcher(w.db);
  const prisma = w.db.prisma;
  await prisma.user.update({
    where: { id: w.actors.member.id },
    data: { currentRoleId: "infrastructure-engineer", targetRoleId: "platform-engineer" },
  });
  const goal = await prisma.goal.create({ data: { userId: w.actors.member.id, skillId: skills[0], targetLevel: 3 } });
  let spare = 0;
  const inviteeUser = await prisma.user.create({
    data: { email: `fuzz-invitee-${w.tag}@test.local`, name: "Invitee", emailVerified: new Date() },
  });
  const inviteeSession = await prisma.session.create({
    data: { userId: inviteeUser.id, sessionToken: `t-${inviteeUser.id}`, expires: new Date(Date.now() + 86_400_000) },
  });
  const invitingTeam = await prisma.team.create({ data: { name: `Inviting team ${w.tag}` } });
  setup = {
    reviews: {
      selfAssessment: await reviewIn("self_assessment", "subject-self"),
      discussion: await reviewIn("discussion", "subject-discussion"),
      completed: await reviewIn("completed", "subject-completed"),
    },
    goalId: goal.id,
    // A pending invitation to cancel; reused until one call cancels it.
    invitationId: async () => {
      const open = await prisma.teamInvitation.findFirst({
        where: { teamId: w.teamId, acceptedAt: null, email: { startsWith: "cancel-me" } },
        select: { id: true },
      });
      return (
        open ??
        (await prisma.teamInvitation.create({
          data: {
            teamId: w.teamId,
            email: `cancel-me-${(spare += 1)}-${w.tag}@test.local`,
            role: "member",
            invitedById: w.actors.manager.id,
          },
        }))
      ).id;
    },
    // An open invitation to the invitee (in a team of its own); reused until one call accepts or declines it.
    invitee: {
      id: inviteeUser.id,
      isAdmin: false,
      name: inviteeUser.name,
      email: inviteeUser.email,
      verified: true,
      sessionId: inviteeSession.id,
    },
    openInvitation: async () => {
      const where = { teamId: invitingTeam.id, email: inviteeUser.email, acceptedAt: null, declinedAt: null };
      const open = await prisma.teamInvitation.findFirst({ where, select: { id: true } });
      return (
        open ??
        (await prisma.teamInvitation.create({
          data: {
            ...where,
            role: "member",
            invitedById: w.actors.admin.id,
            expiresAt: new Date(Date.now() + 86_400_000),
          },
        }))
      ).id;
    },
    // A plain member to remove (or to change the role of); reused until one call removes them.
    removable: async () => {
      const m = await prisma.teamMembership.findFirst({
        where: { teamId: w.teamId, user: { email: { startsWith: "removable" } } },
        select: { userId: true },
      });
      if (m) return m.userId;
      const u = await prisma.user.create({
        data: { email: `removable-${(spare += 1)}-${w.tag}@test.local`, name: "Removable" },
      });
      await prisma.teamMembership.create({ data: { teamId: w.teamId, userId: u.id, role: "member" } });
      return u.id;
    },
  };
  // A known password, so the current-password check runs argon2 against a real hash.
  const { hashPassword } = await import("@/lib/auth/password");
  await prisma.user.update({
    where: { id: w.actors.otherManager.id },
    data: { passwordHash: await hashPassword("the real current password") },
  });
});
afterAll(() => w.db.close());

const tally = newTally();
const valueTally = newTally();
type Action = (input: unknown) => Promise<unknown>;
type Prepared = { as: SessionActor; applied: Applied; fields: string[] };
let dbState: () => Promise<DbState>;

/** Why a result breaks the contract, or null. */
function problemWith(r: unknown, applied: Applied, fields: string[]): string | null {
  if (r === null || typeof r !== "object" || !("ok" in r)) return `returned ${summarise(r)}`;
  const res = r as ActionResult<unknown>;
  if (res.ok) return null;
  if (typeof res.message !== "string" || !res.message.trim()) return "rejected with an empty message";
  if (LEAK.test(JSON.stringify(res, (_k, v) => (typeof v === "bigint" ? String(v) : v))))
    return `leaked internals: ${summarise(res.message)}`;
  const keys = Object.keys(res.errors ?? {});
  if (res.status === 404)
    return res.message === "Not found." && keys.length === 0
      ? null
      : `404 that is not the generic not-found: ${summarise(res)}`;
  if (res.status === 401) return "answered 401 to a signed-in actor";
  if (keys.length === 0) return `rejection names no field (status ${res.status ?? "none"}): ${summarise(res.message)}`;
  for (const k of keys)
    if (
      !Array.isArray(res.errors[k]) ||
      !res.errors[k].length ||
      res.errors[k].some((m) => typeof m !== "string" || !m.trim())
    )
      return `field ${k} has no message`;
  if (keys.every((k) => k === "_form") && !fields.some((f) => res.message.includes(f)))
    return `whole-payload rejection does not say which field: ${summarise(res.message)}`;
  // The base passes validation, so a validation error after spoiling fields must be about one of those fields.
  const spoilt = applied.paths ?? (applied.path === null ? [] : [applied.path]);
  if (
    spoilt.length &&
    !applied.describe.includes("FormData") &&
    res.message.startsWith("Please correct") &&
    !keys.some((k) => spoilt.some((p) => samePlace(k, p)))
  ) {
    return `validation error names ${keys.join(", ")} instead of ${spoilt.join(", ")}`;
  }
  return null;
}

/** Calls the action once per generated value and records every broken promise; fails listing them. */
async function fuzz<T>(
  name: string,
  action: Action,
  numRuns: number,
  arb: fc.Arbitrary<T>,
  prepare: (value: T, n: number) => Promise<Prepared>,
  into: Tally = tally,
) {
  const errorLog = vi.spyOn(console, "error").mockImplementation(() => {});
  const failures: string[] = [];
  let n = 0;
  try {
    await fc.assert(
      fc.asyncProperty(arb, async (value) => {
        n += 1;
        const { as, applied, fields } = await prepare(value, n);
        session.actor = as;
        const before = await dbState();
        errorLog.mockClear();
        let problem: string | null;
        let rejected = true;
        try {
          const r = await action(applied.payload);
          rejected = !(r as { ok?: boolean })?.ok;
          problem = problemWith(r, applied, fields);
        } catch (e) {
          problem = `threw ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : summarise(e)}`;
        }
        if (!problem && errorLog.mock.calls.length)
          problem = `logged an unexpected error: ${String(errorLog.mock.calls[0][1] ?? errorLog.mock.calls[0][0]).slice(0, 200)}`;
        if (rejected) {
          const changed = changedTables(before.sums, (await dbState()).sums);
          if (changed.length) problem = `${problem ? `${problem}; ` : ""}rejected but changed ${changed.join(", ")}`;
        }
        if (problem) failures.push(`${name} [run ${n}] ${applied.describe}: ${problem}`);
      }),
      { seed: FUZZ_SEED, numRuns, endOnFailure: true },
    );
  } finally {
    errorLog.mockRestore();
    session.actor = null;
  }
  into.inputs += n;
  into.byTarget[name.split(" ")[0]] = (into.byTarget[name.split(" ")[0]] ?? 0) + n;
  into.failures.push(...failures);
  expect(failures.slice(0, 15), `${failures.length} failures`).toEqual([]);
}

describe("fuzzing every server action", () => {
  it("has a spec for every exported action", () => {
    const exported = Object.entries(modules).flatMap(([m, mod]) =>
      Object.entries(mod)
        .filter(([, v]) => typeof v === "function")
        .map(([k]) => `${m}.${k}`),
    );
    expect(exported.sort()).toEqual(Object.keys(specs).sort());
  });

  for (const [name, spec] of Object.entries(specs)) {
    it(`${name}: no 500, every rejection names a field, a rejection changes nothing`, async () => {
      const [m, fn] = name.split(".");
      await fuzz(name, modules[m][fn] as Action, runsFor(spec), planArb, async (plan, n) => {
        const base = await spec.base(w, setup, n);
        return { as: spec.as(w, setup), applied: applyPlan(base, plan), fields: Object.keys(base) };
      });
    });
  }

  // Right shape, hostile values: every field present and of its type, one to three of them NUL-laden, half a surrogate
  // pair, a year-0 or 31-February date, a huge or fractional number, 100k characters; sometimes a list repeated 501×.
  for (const [name, spec] of Object.entries(specs)) {
    it(`${name}: right shape, hostile values — no 500, rejections name the field, a rejection changes nothing`, async () => {
      const [m, fn] = name.split(".");
      const runs = process.env.FUZZ_RUNS ? RUNS : Math.min(40, runsFor(spec));
      await fuzz(
        `${name} (values)`,
        modules[m][fn] as Action,
        runs,
        valuePlanArb,
        async (plan, n) => {
          const base = await spec.base(w, setup, n);
          return { as: spec.as(w, setup), applied: applyValuePlan(base, plan), fields: Object.keys(base) };
        },
        valueTally,
      );
    });
  }

  // Runs last: an accepted import changes the taxonomy the other specs' bases rely on.
  it("admin.importTaxonomyAction: hostile text inside an otherwise valid document", async () => {
    const doc = toExportDocument(await getTaxonomy());
    const leaves = pathsOf(doc).filter((p) => typeof getIn(doc, p) === "string");
    const arb = fc.record({ leaf: fc.nat(), value: hostileValue });
    await fuzz(
      "admin.importTaxonomyAction (document)",
      importTaxonomyAction as Action,
      process.env.FUZZ_RUNS ? RUNS : 15,
      arb,
      async ({ leaf, value }) => {
        const copy = structuredClone(doc) as unknown as Record<string, unknown>;
        const path = leaves[leaf % leaves.length];
        setIn(copy, path, value);
        const text = JSON.stringify(copy, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
        const applied: Applied = {
          payload: { fileName: "taxonomy.json", text },
          path: "text",
          describe: `text with ${path.join(".")} = ${summarise(value)}`,
        };
        return { as: w.actors.admin, applied, fields: ["fileName", "text"] };
      },
    );
  });

  afterAll(() => {
    console.log(summaryLine("server actions", tally, "actions"));
    console.log(summaryLine("server actions, right shape with hostile values", valueTally, "actions"));
  });
});
