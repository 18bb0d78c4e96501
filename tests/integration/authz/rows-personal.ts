import { fromAction, fromData, fromResponse, memberReaders, signedIn, type Expect, type MatrixRow } from "./matrix";
import type { World } from "../../support/world";
import {
  createGoalAction,
  importRatingsAction,
  saveRatingsAction,
  setGoalStatusAction,
  setRolesAction,
} from "@/app/(app)/me/actions";
import { GET as exportJson } from "@/app/api/me/export/route";
import { GET as exportCsv, PUT as putRatings } from "@/app/api/me/ratings/route";
import { loadTaxonomy } from "@/lib/taxonomy/load";

const skills = loadTaxonomy().skills.map((s) => s.id);
const onlyMember: Expect = {
  anonymous: "signin",
  member: "ok",
  otherMember: "notfound",
  manager: "notfound",
  otherManager: "notfound",
  admin: "notfound",
};

let memberGoal: string | null = null;
async function goalOfMember(w: World) {
  memberGoal ??= (
    await w.db.prisma.goal.create({ data: { userId: w.actors.member.id, skillId: skills[0], targetLevel: 3 } })
  ).id;
  return memberGoal;
}

export const personalRows: MatrixRow[] = [
  {
    name: "action saveRatings (own)",
    run: async () => fromAction(await saveRatingsAction({ ratings: [{ skillId: skills[1], level: 2 }] })),
    expect: signedIn("ok"),
  },
  {
    name: "action setRoles (own)",
    run: async () =>
      fromAction(await setRolesAction({ currentRoleId: "infrastructure-engineer", targetRoleId: "platform-engineer" })),
    expect: signedIn("ok"),
  },
  {
    name: "action createGoal (own)",
    run: async () => fromAction(await createGoalAction({ skillId: skills[2], targetLevel: "3" })),
    expect: signedIn("ok"),
  },
  {
    name: "action setGoalStatus on the member's goal",
    run: async (w) => fromAction(await setGoalStatusAction({ goalId: await goalOfMember(w), status: "done" })),
    expect: onlyMember,
  },
  {
    name: "action importRatings (own)",
    run: async () => fromAction(await importRatingsAction({ csv: `skill_id,level\n${skills[3]},2\n` })),
    expect: signedIn("ok"),
  },
  {
    name: "GET /api/me/export",
    run: async () => fromResponse(await exportJson(new Request("http://t/api/me/export"), undefined)),
    expect: signedIn("ok"),
  },
  {
    name: "GET /api/me/ratings (CSV)",
    run: async () => fromResponse(await exportCsv(new Request("http://t/api/me/ratings"), undefined)),
    expect: signedIn("ok"),
  },
  {
    name: "PUT /api/me/ratings (own)",
    run: async () =>
      fromResponse(
        await putRatings(
          new Request("http://t/api/me/ratings", {
            method: "PUT",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ ratings: [{ skillId: skills[3], level: 3 }] }),
          }),
          undefined,
        ),
      ),
    expect: signedIn("ok"),
  },
];
