/**
 * Issue 18's rows: notifications (each person's own only: anyone else's id is "not found"), notification
 * preferences, and review cycles (admins any team, managers the teams they manage, members nothing), with the
 * cycle's CSV. Every row makes its own data (or takes it from a helper cached per world), so rows do not depend on
 * each other or on the order they run in.
 */
import { fromAction, fromData, fromResponse, signedIn, type Expect, type MatrixRow } from "./matrix";
import type { ActorName, World } from "../../support/world";
import { NotFoundError } from "@/lib/data/errors";
import { getNotificationPreferences, listNotifications, markRead } from "@/lib/data/notifications";
import { closeCycle, getCycleDashboard, getCycles, launchCycle, type LaunchInput } from "@/lib/data/cycles";
import { markAllReadAction } from "@/app/(app)/notifications/actions";
import { setNotificationPreferencesAction } from "@/app/(app)/account/notification-actions";
import { GET as cycleCsv } from "@/app/api/cycles/[id]/route";
import { isoDay } from "@/lib/validation";

type Person = Exclude<ActorName, "anonymous">;
const PEOPLE: Person[] = ["member", "otherMember", "manager", "otherManager", "admin"];

/** Only the member. */
const onlyMember: Expect = {
  anonymous: "signin",
  member: "ok",
  otherMember: "notfound",
  manager: "notfound",
  otherManager: "notfound",
  admin: "notfound",
};
/** A cycle on the member's team: the team's manager and admins; members never see cycles. */
const teamManagers: Expect = {
  anonymous: "signin",
  member: "notfound",
  otherMember: "notfound",
  manager: "ok",
  otherManager: "notfound",
  admin: "ok",
};

// ---------- data ----------

const notifications = new WeakMap<World, Map<Person, Promise<string>>>();

/** One unread, shown notification of `who`, made once per world. */
function notificationOf(w: World, who: Person): Promise<string> {
  let byPerson = notifications.get(w);
  if (!byPerson) notifications.set(w, (byPerson = new Map()));
  let id = byPerson.get(who);
  if (!id) {
    id = w.db.prisma.notification
      .create({
        data: {
          userId: w.actors[who].id,
          kind: "review_waiting",
          key: `authz-matrix:${who}:${w.tag}`,
          title: `For ${who} only`,
          body: `A notice that only ${who} may see.`,
          link: "/reviews",
        },
        select: { id: true },
      })
      .then((n) => n.id);
    byPerson.set(who, id);
  }
  return id;
}

const DAY = 86_400_000;
const inDays = (n: number) => isoDay(new Date(Date.now() + n * DAY));
const launchInput = (name: string, teamIds: string[]): LaunchInput => ({
  name,
  periodStart: inDays(-90),
  periodEnd: inDays(0),
  selfDeadline: inDays(7),
  managerDeadline: inDays(14),
  allTeams: false,
  teamIds,
});

/** A fresh cycle on the member's team, launched by the team's manager. */
async function managersCycle(w: World, label: string): Promise<string> {
  const { cycleId } = await launchCycle(w.actors.manager, launchInput(`${label} ${w.tag}`, [w.teamId]));
  return cycleId;
}

const cycles = new WeakMap<World, Promise<string>>();
/** One cycle on the member's team launched by its manager, made once per world, for the rows that only read it. */
function readCycle(w: World): Promise<string> {
  let id = cycles.get(w);
  if (!id) cycles.set(w, (id = managersCycle(w, "Matrix cycle (read)")));
  return id;
}

// ---------- rows ----------

export const notificationRows: MatrixRow[] = [
  {
    name: "markRead of the member's notification: only the member",
    run: async (w, as) => {
      const id = await notificationOf(w, "member");
      return fromData(w, as, (a) => markRead(a, id));
    },
    expect: onlyMember,
  },
  {
    name: "listNotifications: one's own, never anyone else's",
    run: async (w, as) => {
      const mine = new Map<string, Person>();
      for (const who of PEOPLE) mine.set(await notificationOf(w, who), who);
      return fromData(w, as, async (a) => {
        const { items } = await listNotifications(a);
        const ids = new Set(items.map((n) => n.id));
        // Someone else's notification in the list: a leak.
        for (const [id, who] of mine) if (who !== as && ids.has(id)) throw new NotFoundError();
        // One's own must be there (the ghost of the anonymous cell has none).
        if (as !== "anonymous" && ![...mine].some(([id, who]) => who === as && ids.has(id)))
          throw new Error(`${as} does not see their own notification`);
        return items;
      });
    },
    expect: signedIn("ok"),
  },
  {
    name: "action markAllRead: only one's own notifications",
    run: async (w, as) => {
      const theirs = await notificationOf(w, "otherManager");
      await w.db.prisma.notification.update({ where: { id: theirs }, data: { readAt: null } });
      const out = fromAction(await markAllReadAction({}));
      const after = await w.db.prisma.notification.findUniqueOrThrow({ where: { id: theirs } });
      if (as !== "otherManager" && after.readAt !== null) throw new Error(`${as} marked someone else's notice read`);
      return out;
    },
    expect: signedIn("ok"),
  },
  {
    name: "notification preferences: each person sets and reads their own",
    run: async (w, as) => {
      // Saved through the account page's action (the only way in); read back with the data function.
      const email = as !== "member"; // the member turns email off, everyone else on
      const out = fromAction(
        await setNotificationPreferencesAction({
          kinds: { goal_due: { inApp: true, email } },
          digest: as === "admin",
        }),
      );
      if (out !== "ok") return out;
      const me = w.actor(as)!;
      const prefs = await getNotificationPreferences(me);
      if (prefs.kinds.goal_due.email !== email || prefs.digest !== (as === "admin"))
        throw new Error(`${as}'s preferences were not saved`);
      // Nobody's choice reaches the member's.
      if (as !== "member") {
        const members = await getNotificationPreferences(w.actors.member);
        if (members.kinds.goal_due.email || members.digest) throw new Error(`${as} changed the member's preferences`);
      }
      return out;
    },
    expect: signedIn("ok"),
  },
  {
    name: "launchCycle for the member's team: its manager and admins",
    run: (w, as) => fromData(w, as, (a) => launchCycle(a, launchInput(`Matrix launch by ${as} ${w.tag}`, [w.teamId]))),
    expect: teamManagers,
  },
  {
    name: "getCycles lists the member's team's cycle: its manager and admins (members see no cycles)",
    run: async (w, as) => {
      const id = await readCycle(w);
      return fromData(w, as, async (a) => {
        const list = await getCycles(a);
        if (!list.some((c) => c.id === id)) throw new NotFoundError();
        return list;
      });
    },
    expect: teamManagers,
  },
  {
    name: "getCycleDashboard of a cycle on the member's team: its manager and admins",
    run: async (w, as) => {
      const id = await readCycle(w);
      return fromData(w, as, (a) => getCycleDashboard(a, id));
    },
    expect: teamManagers,
  },
  {
    name: "closeCycle of a cycle the manager launched on the member's team: that manager and admins",
    run: async (w, as) => {
      const id = await managersCycle(w, `Matrix cycle to close (${as})`);
      return fromData(w, as, async (a) => {
        const r = await closeCycle(a, id);
        if (!r.closed) throw new Error(`${as} was answered but the cycle is not closed`);
        return r;
      });
    },
    expect: teamManagers,
  },
  {
    name: "GET /api/cycles/<cycle on the member's team> (CSV)",
    run: async (w) => {
      const id = await readCycle(w);
      return fromResponse(
        await cycleCsv(new Request(`http://t/api/cycles/${id}`), { params: Promise.resolve({ id }) }),
      );
    },
    expect: teamManagers,
  },
];
