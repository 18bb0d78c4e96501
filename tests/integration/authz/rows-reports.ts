/**
 * Issue 17's rows: the organisation report (/reports) and its CSV. Admins see every team, managers the teams they
 * manage (each manager in the world manages one), plain members nothing.
 */
import { fromData, fromResponse, type Expect, type MatrixRow } from "./matrix";
import { NotFoundError } from "@/lib/data/errors";
import { getOrgReport } from "@/lib/data/reports";
import { getOrgTarget, setOrgTarget } from "@/lib/data/org-target";
import { GET as reportCsv } from "@/app/api/reports/route";

const managersAndAdmins: Expect = {
  anonymous: "signin",
  member: "notfound",
  otherMember: "notfound",
  manager: "ok",
  otherManager: "ok",
  admin: "ok",
};
/** The organisation's target mix: admins only. */
const adminsOnly: Expect = { ...managersAndAdmins, manager: "notfound", otherManager: "notfound" };
/** One team's report: its manager and admins. */
const teamManagers: Expect = { ...managersAndAdmins, otherManager: "notfound" };

export const reportsRows: MatrixRow[] = [
  {
    name: "getOrgReport (/reports: admins the organisation, managers their teams)",
    run: (w, as) => fromData(w, as, (a) => getOrgReport(a)),
    expect: managersAndAdmins,
  },
  {
    name: "getOrgReport for the member's team (/reports?team=…)",
    run: (w, as) =>
      fromData(w, as, async (a) => {
        const r = await getOrgReport(a, { teamId: w.teamId });
        // Anyone else gets their own teams and a field message, never the asked team's figures.
        if (r.unknownTeam || r.teams.length !== 1 || r.teams[0]!.id !== w.teamId) throw new NotFoundError();
        return r;
      }),
    expect: teamManagers,
  },
  {
    name: "GET /api/reports?table=trends (CSV)",
    run: async () => fromResponse(await reportCsv(new Request("http://t/api/reports?table=trends"), undefined)),
    expect: managersAndAdmins,
  },
  {
    name: "GET /api/reports?table=teams&team=<member's team> (CSV)",
    run: async (w) =>
      fromResponse(await reportCsv(new Request(`http://t/api/reports?table=teams&team=${w.teamId}`), undefined)),
    expect: teamManagers,
  },
  {
    name: "getOrgTarget (the organisation's target mix, for the admin's form)",
    run: (w, as) => fromData(w, as, (a) => getOrgTarget(a)),
    expect: adminsOnly,
  },
  {
    name: "setOrgTarget (the organisation's target mix)",
    run: (w, as) => fromData(w, as, (a) => setOrgTarget(a, [{ roleId: "cloud-engineer", count: 2 }])),
    expect: adminsOnly,
  },
];
