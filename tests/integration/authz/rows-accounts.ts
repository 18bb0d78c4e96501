import { session } from "../../support/session-mock";
import { adminOnly, everyone, fromAction, fromData, fromResponse, memberReaders, signedIn, type MatrixRow } from "./matrix";
import { signUp } from "@/app/(auth)/actions";
import { changePasswordAction, deleteAccountAction, updateNameAction } from "@/app/(app)/account/actions";
import { importTaxonomyAction } from "@/app/(app)/admin/actions";
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
    run: async (w, as) => fromAction(await signUp({ name: "New", email: `new-${as}-${w.tag}@test.local`, password: "a long passphrase 42" })),
    expect: everyone("ok"),
  },
  {
    name: "action updateName",
    run: async () => fromAction(await updateNameAction({ name: `Renamed ${session.actor?.id ?? ""}` })),
    expect: signedIn("ok"),
  },
  {
    name: "action changePassword (wrong current password)",
    run: async () => fromAction(await changePasswordAction({ currentPassword: "not it", newPassword: "another long passphrase" })),
    expect: signedIn("ok"), // the matrix actors have no password yet, so this sets one
  },
  {
    name: "action deleteAccount (wrong confirmation)",
    run: async () => fromAction(await deleteAccountAction({ confirmEmail: "someone-else@test.local" })),
    expect: signedIn("invalid"),
  },
  {
    name: "action importTaxonomy (the active taxonomy again)",
    run: async () => fromAction(await importTaxonomyAction({ fileName: "same.json", text: JSON.stringify(toExportDocument(await getTaxonomy())) })),
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
