import { session } from "../../support/session-mock";
import {
  adminOnly,
  everyone,
  fromAction,
  fromData,
  fromResponse,
  memberReaders,
  signedIn,
  type MatrixRow,
} from "./matrix";
import {
  forgotPasswordAction,
  resendVerificationAction,
  resetPasswordAction,
  signUp,
  verifyEmailAction,
} from "@/app/(auth)/actions";
import {
  changePasswordAction,
  deleteAccountAction,
  endSessionAction,
  signOutEverywhereAction,
  updateNameAction,
} from "@/app/(app)/account/actions";
import { importTaxonomyAction, setUserActiveAction } from "@/app/(app)/admin/actions";
import { listOutbox } from "@/lib/data/accounts";
import { listMySessions } from "@/lib/data/sessions";
import { GET as health } from "@/app/api/health/route";
import { GET as taxonomyExport } from "@/app/api/v1/taxonomy/route";
import { getAdminOverview } from "@/lib/data/admin";
import { getAccount } from "@/lib/data/users";
import { toExportDocument } from "@/lib/taxonomy/load";
import { getTaxonomy } from "@/lib/data/taxonomy";

export const accountRows: MatrixRow[] = [
  {
    name: "GET /api/health",
    run: async () => fromResponse(await health()),
    expect: everyone("ok"),
  },
  {
    name: "GET /api/v1/taxonomy",
    run: async () => fromResponse(await taxonomyExport()),
    expect: everyone("ok"),
  },
  {
    name: "action signUp (fresh email)",
    run: async (w, as) =>
      fromAction(
        await signUp({ name: "New", email: `new-${as}-${w.tag}@test.local`, password: "a long passphrase 42" }),
      ),
    expect: everyone("ok"),
  },
  {
    name: "action updateName",
    run: async () => fromAction(await updateNameAction({ name: `Renamed ${session.actor?.id ?? ""}` })),
    expect: signedIn("ok"),
  },
  {
    name: "action changePassword (wrong current password)",
    run: async () =>
      fromAction(await changePasswordAction({ currentPassword: "not it", newPassword: "another long passphrase" })),
    expect: signedIn("ok"), // the matrix actors have no password yet, so this sets one
  },
  {
    name: "action deleteAccount (wrong confirmation)",
    run: async () => fromAction(await deleteAccountAction({ confirmEmail: "someone-else@test.local" })),
    expect: signedIn("invalid"),
  },
  {
    name: "action importTaxonomy (the active taxonomy again)",
    run: async () =>
      fromAction(
        await importTaxonomyAction({
          fileName: "same.json",
          text: JSON.stringify(toExportDocument(await getTaxonomy())),
        }),
      ),
    expect: adminOnly,
  },
  {
    name: "action forgotPassword (same answer for any address)",
    run: async (w, as) => fromAction(await forgotPasswordAction({ email: `reset-${as}-${w.tag}@test.local` })),
    expect: everyone("ok"),
  },
  {
    name: "action resetPassword (a token nobody was sent)",
    run: async () =>
      fromAction(await resetPasswordAction({ token: "A".repeat(43), password: "a long new passphrase" })),
    expect: everyone("invalid"),
  },
  {
    name: "action verifyEmail (a token nobody was sent)",
    run: async () => fromAction(await verifyEmailAction({ token: "B".repeat(43) })),
    expect: everyone("invalid"),
  },
  {
    name: "action resendVerification (the matrix actors are already confirmed)",
    run: async () => fromAction(await resendVerificationAction({})),
    expect: signedIn("invalid"),
  },
  {
    name: "action endSession (another person's session)",
    run: async (w, as) => {
      const victim = as === "member" ? w.actors.otherMember : w.actors.member;
      return fromAction(await endSessionAction({ sessionId: victim.sessionId }));
    },
    expect: signedIn("notfound"),
  },
  {
    name: "action setUserActive (deactivate, then reactivate, a third person)",
    run: async (w) => {
      const u = await w.db.prisma.user.create({
        data: { email: `deact-${Math.random().toString(36).slice(2)}@test.local` },
      });
      const off = fromAction(await setUserActiveAction({ userId: u.id, active: "false" }));
      if (off === "ok") await setUserActiveAction({ userId: u.id, active: "true" });
      return off;
    },
    expect: adminOnly,
  },
  {
    name: "action signOutEverywhere (own sessions only)",
    run: async (w, as) => {
      const before = await w.db.prisma.session.count({ where: { userId: w.actors.otherManager.id } });
      const out = fromAction(await signOutEverywhereAction({}));
      const after = await w.db.prisma.session.count({ where: { userId: w.actors.otherManager.id } });
      if (as !== "otherManager" && after !== before) throw new Error("signed someone else out");
      return out;
    },
    expect: signedIn("ok"),
  },
  {
    name: "data listMySessions",
    run: (w, as) => fromData(w, as, (a) => listMySessions(a)),
    expect: { ...signedIn("ok") },
  },
  {
    name: "data listOutbox",
    run: (w, as) => fromData(w, as, (a) => listOutbox(a)),
    expect: adminOnly,
  },
  {
    name: "data getAdminOverview",
    run: (w, as) => fromData(w, as, (a) => getAdminOverview(a)),
    expect: adminOnly,
  },
  {
    name: "data getAccount (own)",
    run: (w, as) => fromData(w, as, (a) => getAccount(a)),
    expect: signedIn("ok"),
  },
];

export { memberReaders };
