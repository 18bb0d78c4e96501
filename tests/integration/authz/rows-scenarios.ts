/**
 * Issue 17's "what if" rows: the team scenario is for those who see individual cells (the team's managers, admins);
 * the personal what-if and "save as goals" act on the actor's own profile only.
 */
import { fromAction, fromData, signedIn, type Expect, type MatrixRow } from "./matrix";
import { getTeamScenario, getWhatIf } from "@/lib/data/scenarios";
import { saveWhatIfGoalsAction } from "@/app/(app)/dashboard/what-if-actions";

const cellReaders: Expect = {
  anonymous: "signin",
  member: "notfound",
  otherMember: "notfound",
  manager: "ok",
  otherManager: "notfound",
  admin: "ok",
};

export const scenariosRows: MatrixRow[] = [
  {
    name: "data getTeamScenario (the member leaves)",
    run: (w, as) => fromData(w, as, (a) => getTeamScenario(a, w.teamId, [w.actors.member.id])),
    expect: cellReaders,
  },
  {
    name: "data getTeamScenario (nobody chosen)",
    run: (w, as) => fromData(w, as, (a) => getTeamScenario(a, w.teamId, [])),
    expect: cellReaders,
  },
  {
    name: "data getWhatIf (own levels)",
    run: (w, as) => fromData(w, as, (a) => getWhatIf(a, [{ skill: "linux", level: 4 }])),
    expect: signedIn("ok"),
  },
  {
    name: "action saveWhatIfGoals (own plan)",
    run: async () => fromAction(await saveWhatIfGoalsAction({ raise: ["site-reliability-engineering:4"] })),
    expect: signedIn("ok"),
  },
];
