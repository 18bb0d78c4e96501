/**
 * Notifications: the kinds, their defaults per channel, and which reminders are due at a given moment (pure, with
 * the clock passed in). Each notification carries a `key` naming the event; a person gets each key once, which makes
 * every job that creates them idempotent (lib/data/notifications.ts inserts with ON CONFLICT DO NOTHING).
 */
export const NOTIFICATION_KINDS = [
  "team_invited",
  "review_waiting",
  "review_submitted",
  "review_completed",
  "goal_due",
  "ratings_stale",
  "certification_expiring",
  "cycle_deadline",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type Channels = { inApp: boolean; email: boolean };

/** What each kind is called on the preferences page, and its default channels. */
export const KIND_INFO: Record<NotificationKind, { label: string; description: string; defaults: Channels }> = {
  team_invited: {
    label: "Team invitations",
    description: "Someone invited you to a team. (The invitation email itself is always sent.)",
    defaults: { inApp: true, email: false },
  },
  review_waiting: {
    label: "Your turn in a review",
    description: "A review step is waiting for you: your self-assessment, your assessment of a report, a discussion.",
    defaults: { inApp: true, email: true },
  },
  review_submitted: {
    label: "The other side submitted",
    description: "Your manager, or the person you review, submitted their part.",
    defaults: { inApp: true, email: true },
  },
  review_completed: {
    label: "Review completed or acknowledged",
    description: "A review you took part in was completed, or its subject acknowledged it.",
    defaults: { inApp: true, email: false },
  },
  goal_due: {
    label: "Goals due",
    description: "One of your goals is due within 7 days, or is overdue.",
    defaults: { inApp: true, email: true },
  },
  ratings_stale: {
    label: "Old ratings",
    description: "Some of your ratings are older than six months: one reminder listing them, at most once a month.",
    defaults: { inApp: true, email: true },
  },
  certification_expiring: {
    label: "Certifications expiring",
    description: "One of your certifications expires within 30 days.",
    defaults: { inApp: true, email: true },
  },
  cycle_deadline: {
    label: "Review cycle deadlines",
    description: "A review cycle's deadline for your step is within 3 days, or has passed.",
    defaults: { inApp: true, email: true },
  },
};

/** Each kind's channels: the stored choice where there is one, the kind's default otherwise. */
export function effectivePreferences(
  stored: readonly ({ kind: NotificationKind } & Channels)[],
): Record<NotificationKind, Channels> {
  const byKind = new Map(stored.map((s) => [s.kind, s]));
  return Object.fromEntries(
    NOTIFICATION_KINDS.map((k) => {
      const s = byKind.get(k);
      return [k, s ? { inApp: s.inApp, email: s.email } : { ...KIND_INFO[k].defaults }];
    }),
  ) as Record<NotificationKind, Channels>;
}

/** A notification to create: `key` makes it once-only per person. `link` is a path inside the app. */
export type NotificationDraft = {
  userId: string;
  kind: NotificationKind;
  key: string;
  title: string;
  body: string;
  link: string;
};

const DAY = 86_400_000;
/** Days from `now` to `date` (calendar days in UTC; negative when past). */
export function daysUntil(date: Date, now: Date): number {
  const d = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const n = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((d - n) / DAY);
}
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const inDays = (n: number) => (n === 0 ? "today" : n === 1 ? "tomorrow" : `in ${n} days`);
const ago = (n: number) => (n === 1 ? "yesterday" : `${n} days ago`);

export const GOAL_DUE_DAYS = 7;
export const CERTIFICATION_EXPIRY_DAYS = 30;
export const CYCLE_DEADLINE_DAYS = 3;
export const STALE_RATING_DAYS = 182;

export type ReminderInput = {
  goals: { id: string; userId: string; skillName: string; dueDate: Date | null; open: boolean }[];
  ratings: { userId: string; skillName: string; ratedAt: Date }[];
  certifications: { id: string; userId: string; name: string; expiresOn: Date | null }[];
  cycleReviews: {
    reviewId: string;
    cycleId: string;
    cycleName: string;
    subjectId: string;
    subjectName: string;
    managerId: string | null;
    state: "self-assessment" | "manager-assessment" | "discussion" | "completed" | "acknowledged";
    selfDeadline: Date;
    managerDeadline: Date;
    closed: boolean;
  }[];
};

/**
 * The reminders due at `now`. Keys include the date they are about, so a moved due date reminds again, and a
 * person's old-ratings reminder is keyed by month (at most one a month, listing every old rating: one digest, not
 * one per skill). Sorted by user, then key, so a run's output is deterministic.
 */
export function dueReminders(input: ReminderInput, now: Date): NotificationDraft[] {
  const out: NotificationDraft[] = [];
  for (const g of input.goals) {
    if (!g.open || !g.dueDate) continue;
    const days = daysUntil(g.dueDate, now);
    if (days < 0)
      out.push({
        userId: g.userId,
        kind: "goal_due",
        key: `goal-overdue:${g.id}:${isoDay(g.dueDate)}`,
        title: `Goal overdue: ${g.skillName}`,
        body: `Your goal for ${g.skillName} was due ${ago(-days)} (${isoDay(g.dueDate)}).`,
        link: "/dashboard#goals",
      });
    else if (days <= GOAL_DUE_DAYS)
      out.push({
        userId: g.userId,
        kind: "goal_due",
        key: `goal-due:${g.id}:${isoDay(g.dueDate)}`,
        title: `Goal due ${inDays(days)}: ${g.skillName}`,
        body: `Your goal for ${g.skillName} is due ${inDays(days)} (${isoDay(g.dueDate)}).`,
        link: "/dashboard#goals",
      });
  }
  const stale = new Map<string, string[]>();
  for (const r of input.ratings)
    if (-daysUntil(r.ratedAt, now) > STALE_RATING_DAYS)
      (stale.get(r.userId) ?? stale.set(r.userId, []).get(r.userId)!).push(r.skillName);
  for (const [userId, skills] of stale) {
    skills.sort((a, b) => a.localeCompare(b));
    const shown = skills.slice(0, 10).join(", ") + (skills.length > 10 ? `, and ${skills.length - 10} more` : "");
    out.push({
      userId,
      kind: "ratings_stale",
      key: `ratings-stale:${userId}:${now.toISOString().slice(0, 7)}`,
      title: `${skills.length === 1 ? "1 rating is" : `${skills.length} ratings are`} older than six months`,
      body: `Check they still hold: ${shown}.`,
      link: "/me/skills",
    });
  }
  for (const c of input.certifications) {
    if (!c.expiresOn) continue;
    const days = daysUntil(c.expiresOn, now);
    if (days < 0 || days > CERTIFICATION_EXPIRY_DAYS) continue;
    out.push({
      userId: c.userId,
      kind: "certification_expiring",
      key: `certification-expiring:${c.id}:${isoDay(c.expiresOn)}`,
      title: `${c.name} expires ${inDays(days)}`,
      body: `Your certification ${c.name} expires on ${isoDay(c.expiresOn)}. Renew it, or record the new one.`,
      link: "/me/certifications",
    });
  }
  for (const r of input.cycleReviews) {
    if (r.closed) continue;
    const step =
      r.state === "self-assessment"
        ? { to: r.subjectId, deadline: r.selfDeadline, what: "your self-assessment", who: "self" }
        : r.state === "manager-assessment" && r.managerId
          ? {
              to: r.managerId,
              deadline: r.managerDeadline,
              what: `your assessment of ${r.subjectName}`,
              who: "manager",
            }
          : null;
    if (!step) continue;
    const days = daysUntil(step.deadline, now);
    const link = `/reviews/${r.reviewId}`;
    if (days < 0)
      out.push({
        userId: step.to,
        kind: "cycle_deadline",
        key: `cycle-overdue:${r.cycleId}:${r.reviewId}:${step.who}:${isoDay(step.deadline)}`,
        title: `Overdue in ${r.cycleName}: ${step.what}`,
        body: `The deadline for ${step.what} in ${r.cycleName} was ${isoDay(step.deadline)}. Others are waiting on it.`,
        link,
      });
    else if (days <= CYCLE_DEADLINE_DAYS)
      out.push({
        userId: step.to,
        kind: "cycle_deadline",
        key: `cycle-deadline:${r.cycleId}:${r.reviewId}:${step.who}:${isoDay(step.deadline)}`,
        title: `Due ${inDays(days)} in ${r.cycleName}: ${step.what}`,
        body: `${step.what[0]!.toUpperCase()}${step.what.slice(1)} in ${r.cycleName} is due ${inDays(days)} (${isoDay(step.deadline)}).`,
        link,
      });
  }
  return out.sort((a, b) =>
    a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
}

/**
 * The notifications a review event sends: the step now waiting goes to whoever holds it, and the other side hears
 * that something was submitted, completed or acknowledged. Keys name the review and the step, so a retried write
 * never notifies twice.
 */
export function reviewEventDrafts(
  event: "started" | "submit-self" | "submit-manager" | "complete" | "acknowledge",
  r: {
    id: string;
    subjectId: string;
    subjectName: string;
    managerId: string | null;
    managerName: string;
    period: string;
  },
): NotificationDraft[] {
  const link = `/reviews/${r.id}`;
  const about = `the review "${r.period}"`;
  switch (event) {
    case "started":
      return [
        {
          userId: r.subjectId,
          kind: "review_waiting",
          key: `review-waiting:${r.id}:self-assessment`,
          title: "Your self-assessment is waiting",
          body: `${r.managerName} started ${about}. Rate yourself on each skill, then submit.`,
          link,
        },
      ];
    case "submit-self":
      return r.managerId
        ? [
            {
              userId: r.managerId,
              kind: "review_waiting",
              key: `review-waiting:${r.id}:manager-assessment`,
              title: `Your turn: assess ${r.subjectName}`,
              body: `${r.subjectName} submitted their self-assessment in ${about}. Your assessment is next.`,
              link,
            },
          ]
        : [];
    case "submit-manager":
      return [
        {
          userId: r.subjectId,
          kind: "review_submitted",
          key: `review-submitted:${r.id}:manager`,
          title: `${r.managerName} submitted their assessment`,
          body: `Both assessments of ${about} are in. See where you differ, and discuss them.`,
          link,
        },
      ];
    case "complete":
      return [
        {
          userId: r.subjectId,
          kind: "review_completed",
          key: `review-completed:${r.id}`,
          title: "Your review was completed",
          body: `${r.managerName} completed ${about}. Read the summary and acknowledge it.`,
          link,
        },
      ];
    case "acknowledge":
      return r.managerId
        ? [
            {
              userId: r.managerId,
              kind: "review_completed",
              key: `review-acknowledged:${r.id}`,
              title: `${r.subjectName} acknowledged their review`,
              body: `${r.subjectName} acknowledged ${about}.`,
              link,
            },
          ]
        : [];
  }
}
