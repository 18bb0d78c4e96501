/**
 * The review cycle as a pure state machine:
 *   self-assessment → manager-assessment → discussion → completed → acknowledged
 * Each event names who may fire it and in which state; anything else is refused with a sentence saying why.
 */
export const REVIEW_STATES = [
  "self_assessment",
  "manager_assessment",
  "discussion",
  "completed",
  "acknowledged",
] as const;
/** The same values as the schema's ReviewState enum (lib/data/schema-types.ts checks that they stay equal). */
export type ReviewState = (typeof REVIEW_STATES)[number];

/** How a state reads to people and in stored rows: "self-assessment". */
export function reviewStateLabel(state: ReviewState): string {
  return state.replace("_", "-");
}
export type ReviewSide = "subject" | "manager" | "observer";
export type ReviewEvent = "submit-self" | "submit-manager" | "complete" | "acknowledge";

const transitions: Record<ReviewEvent, { from: ReviewState; to: ReviewState; by: ReviewSide; label: string }> = {
  "submit-self": {
    from: "self_assessment",
    to: "manager_assessment",
    by: "subject",
    label: "submit the self-assessment",
  },
  "submit-manager": {
    from: "manager_assessment",
    to: "discussion",
    by: "manager",
    label: "submit the manager assessment",
  },
  complete: { from: "discussion", to: "completed", by: "manager", label: "complete the review" },
  acknowledge: { from: "completed", to: "acknowledged", by: "subject", label: "acknowledge the review" },
};

export class ReviewTransitionError extends Error {}

/** The state after `event`, or a ReviewTransitionError explaining why the event is not allowed now or by this side. */
export function nextReviewState(state: ReviewState, event: ReviewEvent, side: ReviewSide): ReviewState {
  const t = transitions[event];
  if (!t) throw new ReviewTransitionError(`Unknown review action "${event}".`);
  if (side !== t.by) {
    throw new ReviewTransitionError(
      `Only the ${t.by === "subject" ? "person being reviewed" : "reviewing manager"} can ${t.label}.`,
    );
  }
  if (state !== t.from) {
    throw new ReviewTransitionError(
      `You cannot ${t.label} while the review is in ${reviewStateLabel(state)}; that is only possible during ${reviewStateLabel(t.from)}.`,
    );
  }
  return t.to;
}

/** Whether a side may still change its own ratings (self or manager levels) in this state. */
export function canRate(state: ReviewState, side: ReviewSide): boolean {
  if (side === "subject") return state === "self_assessment";
  if (side === "manager") return state === "self_assessment" || state === "manager_assessment";
  return false;
}

/** Blindness: until both assessments are in (discussion), nobody sees the other side's levels. */
export function revealed(state: ReviewState): boolean {
  return REVIEW_STATES.indexOf(state) >= REVIEW_STATES.indexOf("discussion");
}

/** After completion the review is locked: changes are amendments, never edits in place. */
export function isLocked(state: ReviewState): boolean {
  return state === "completed" || state === "acknowledged";
}

/** Agreed levels, summary and comments can be recorded only in discussion. */
export function canAgree(state: ReviewState, side: ReviewSide): boolean {
  return state === "discussion" && side === "manager";
}

/**
 * What one viewer may see of a review line: their own level always, the other side's only once revealed. An agreed
 * level, when the line carries one, is hidden until the reveal too.
 */
export function visibleLine<
  T extends { selfLevel: number | null; managerLevel: number | null; agreedLevel?: number | null },
>(line: T, state: ReviewState, side: ReviewSide): T {
  if (revealed(state)) return line;
  const hidden = {
    ...line,
    selfLevel: side === "subject" ? line.selfLevel : null,
    managerLevel: side === "manager" ? line.managerLevel : null,
  };
  return "agreedLevel" in line ? { ...hidden, agreedLevel: null } : hidden;
}

/** What the data layer knows about the actor, the review and the team *now* (not when the review started). */
export type ReviewAccessFacts = {
  actor: { id: string; isAdmin: boolean };
  review: { subjectId: string; managerId: string | null };
  /** The actor currently holds a manager membership of the review's team (admin rights do not count). */
  actorManagesTeam: boolean;
  /** The subject is currently a member of the review's team. */
  subjectInTeam: boolean;
};
/** The side the actor takes in a review, and whether they may change it. */
export type ReviewAccess = { side: ReviewSide; canWrite: boolean };

/**
 * Who may see and change a review, decided on current team membership:
 *   - the subject always reads their own review, and writes only while still a member of the team;
 *   - the reviewing manager (actor = managerId) runs it only while managing the team and the subject is in it;
 *   - co-managers observe (read-only) under the same condition;
 *   - admins observe any review, read-only, unless they are the reviewing manager of a current team.
 * null: the actor may not see the review at all ("not found").
 */
export function reviewAccess(f: ReviewAccessFacts): ReviewAccess | null {
  if (f.review.subjectId === f.actor.id) return { side: "subject", canWrite: f.subjectInTeam };
  if (f.actorManagesTeam && f.subjectInTeam) {
    return f.review.managerId === f.actor.id
      ? { side: "manager", canWrite: true }
      : { side: "observer", canWrite: false };
  }
  if (f.actor.isAdmin) return { side: "observer", canWrite: false };
  return null;
}

export function isOverdue(state: ReviewState, dueDate: Date, now: Date): boolean {
  return !isLocked(state) && dueDate.getTime() < now.getTime();
}

/** Where an assessment row's starting level comes from: a saved draft, the person's current rating, or nothing. */
export type AssessmentStart = { level: number | null; source: "draft" | "ratings" | "none" };

/**
 * The level an assessment row starts with (0–5 or null = not rated): the side's saved draft; for the self-assessment
 * only, else the person's current rating, as a suggestion they still confirm or change; else not rated. The manager's
 * assessment is never pre-filled: a manager judges independently.
 */
export function assessmentStart(saved: number | null, current: number | null, side: ReviewSide): AssessmentStart {
  if (saved !== null) return { level: saved, source: "draft" };
  if (side === "subject" && current !== null) return { level: current, source: "ratings" };
  return { level: null, source: "none" };
}

/**
 * What the review waits for, in the viewer's words: "Waiting for your self-assessment", "Waiting for your manager"…
 * `subject` and `manager` are the names shown to someone who is neither.
 */
export function reviewNextStep(state: ReviewState, side: ReviewSide, names: { subject: string; manager: string }) {
  switch (state) {
    case "self_assessment":
      return side === "subject" ? "Waiting for your self-assessment" : `Waiting for ${names.subject}'s self-assessment`;
    case "manager_assessment":
      if (side === "subject") return "Waiting for your manager";
      return side === "manager" ? "Waiting for your assessment" : `Waiting for ${names.manager}'s assessment`;
    case "discussion":
      if (side === "subject") return "In discussion with your manager";
      return side === "manager" ? "Discuss and record the agreed levels" : "In discussion";
    case "completed":
      return side === "subject" ? "Waiting for your acknowledgement" : `Waiting for ${names.subject} to acknowledge`;
    case "acknowledged":
      return "Done";
  }
}
