"use server";
import { createAction } from "@/lib/actions/safe-action";
import { revalidatePages } from "@/lib/actions/revalidate";
import { closeCycle, launchCycle, SKIP_REASONS } from "@/lib/data/cycles";
import { flag, id, isoDate, list, requiredText, z } from "@/lib/validation";

// A form sends one checked team as a string and several as a list; none at all leaves the key out.
const teamIds = z.preprocess(
  (v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]),
  list(id("Team"), 500, "Teams"),
);

export const launchCycleAction = createAction(
  z.object({
    name: requiredText(100, "Name", "Enter a name for the cycle."),
    periodStart: isoDate("Period start"),
    periodEnd: isoDate("Period end"),
    selfDeadline: isoDate("Self-assessment deadline"),
    managerDeadline: isoDate("Manager deadline"),
    allTeams: flag("Every team must be true or false.").default(false),
    teamIds,
  }),
  async (input, actor) => {
    const r = await launchCycle(actor, input);
    revalidatePages("/cycles", "/reviews", "/dashboard");
    return {
      cycleId: r.cycleId,
      created: r.reviews.length,
      skipped: r.skipped.map((s) => ({ name: s.name, teamName: s.teamName, reason: SKIP_REASONS[s.reason] })),
    };
  },
);

export const closeCycleAction = createAction(z.object({ cycleId: id("Cycle") }), async ({ cycleId }, actor) => {
  const r = await closeCycle(actor, cycleId);
  revalidatePages("/cycles", `/cycles/${cycleId}`, "/reviews");
  return r;
});
