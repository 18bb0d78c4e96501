import { apiRoute } from "@/lib/actions/with-token";
import { getReview } from "@/lib/data/reviews";
import { V1 } from "@/lib/api/v1-routes";

export const dynamic = "force-dynamic";

/** The review page's data function: the other side's levels stay hidden until the reveal, comments until then too. */
export const GET = apiRoute(V1.review, async ({ actor, params }) => {
  const r = await getReview(actor, params.id);
  return {
    id: r.id,
    period: r.period,
    state: r.state,
    side: r.side,
    canWrite: r.canWrite,
    revealed: r.revealed,
    locked: r.locked,
    dueDate: r.dueDate,
    selfSubmittedAt: r.selfSubmittedAt,
    managerSubmittedAt: r.managerSubmittedAt,
    completedAt: r.completedAt,
    acknowledgedAt: r.acknowledgedAt,
    summary: r.summary,
    ackComment: r.ackComment,
    team: r.team,
    subject: { id: r.subject.id, name: r.subject.name ?? r.subject.email },
    managerName: r.managerName,
    lines: r.lines.map(({ currentRatedAt: _at, ...line }) => line),
    comments: r.comments.map(({ skillId, body, author, createdAt }) => ({ skillId, body, author, createdAt })),
    amendments: r.amendments.map(({ skillId, fromLevel, toLevel, reason, author, createdAt }) => ({
      skillId,
      fromLevel,
      toLevel,
      reason,
      author,
      createdAt,
    })),
    goals: r.goals.map(({ skillId, skillName, targetLevel, dueDate, status, note }) => ({
      skillId,
      skillName,
      targetLevel,
      dueDate,
      status,
      note,
    })),
  };
});
