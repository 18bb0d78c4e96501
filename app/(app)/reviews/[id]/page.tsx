import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getReviewPage } from "@/lib/data/pages";
import { orNotFound } from "@/lib/page";
import { assessmentDisagreements, DISAGREEMENT_FLAG } from "@/lib/domain";
import { reviewNextStep, reviewStateLabel } from "@/lib/domain/review";
import { HorizontalBars } from "@/components/charts/bars";
import { ReviewWorkspace } from "./review-workspace";
import { PrintButton } from "./print-button";

export const metadata: Metadata = { title: "Review" };

const signed = (d: number) => (d > 0 ? `+${d}` : String(d));
const day = (d: Date) => d.toISOString().slice(0, 10);
const cell = "p-2";

export default async function ReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/reviews/${id}`);
  const { review, taxonomy } = await orNotFound(getReviewPage(actor, id));
  const rated = review.lines.filter((l) => l.selfLevel !== null && l.managerLevel !== null);
  const dis = review.revealed
    ? assessmentDisagreements(
        Object.fromEntries(rated.map((l) => [l.skillId, l.selfLevel!])),
        Object.fromEntries(rated.map((l) => [l.skillId, l.managerLevel!])),
        rated.map((l) => l.skillId),
      )
    : null;
  const flagged = new Set(dis?.items.filter((d) => d.flagged).map((d) => d.skill) ?? []);
  const subjectName = review.subject.name ?? review.subject.email;
  const levelName = new Map(taxonomy.scale.map((s) => [s.level, s.name]));
  const skillLevels = new Map(taxonomy.skills.map((s) => [s.id, s.levels]));
  // In discussion the participants see every skill in the discussion cards; the table is then for print only.
  const tableInCards = review.state === "discussion" && review.side !== "observer";
  const count = dis?.flaggedCount ?? 0;
  return (
    <article className="min-w-0 space-y-8">
      <header className="space-y-2">
        <p className="no-print text-sm text-slate-600">
          <Link href="/reviews" className="inline-flex min-h-11 items-center underline">
            Reviews
          </Link>
        </p>
        <h1 className="text-3xl font-bold break-words">
          Review of {subjectName} — {review.period}
        </h1>
        <p className="text-slate-700">
          Team {review.team.name} · manager {review.managerName} · due {day(review.dueDate)} ·{" "}
          <strong data-testid="review-state">{reviewStateLabel(review.state)}</strong>
          {review.locked && <span className="no-print"> · locked (corrections are amendments)</span>}
        </p>
        <p className="no-print font-medium text-slate-900" data-testid="review-next">
          {reviewNextStep(review.state, review.side, { subject: subjectName, manager: review.managerName })}
        </p>
        {!review.canWrite && review.side === "subject" && (
          <p role="status" className="text-slate-700">
            You are no longer a member of {review.team.name}, so this review is read-only.
          </p>
        )}
        <PrintButton />
      </header>

      {review.revealed && dis && (
        <section aria-labelledby="reveal-h" className="space-y-3">
          <h2 id="reveal-h" className="text-xl font-semibold">
            Where self and manager disagree
          </h2>
          {count > 0 ? (
            <p
              role="status"
              className="rounded border border-red-300 bg-red-50 p-3 text-red-900"
              data-testid="disconnect-count"
            >
              {review.state === "discussion" ? (
                <>
                  {count} skill{count === 1 ? " differs" : "s differ"} by {DISAGREEMENT_FLAG} levels or more
                  {review.side !== "observer" && (
                    <span className="no-print"> — talk these through first; they lead the discussion below</span>
                  )}
                  .
                </>
              ) : (
                <>
                  {count} skill{count === 1 ? "" : "s"} differed by {DISAGREEMENT_FLAG} levels or more between the
                  self-assessment and the manager&apos;s assessment.
                </>
              )}
            </p>
          ) : (
            <p>No skill differs by {DISAGREEMENT_FLAG} levels or more.</p>
          )}
        </section>
      )}

      <ReviewWorkspace
        review={{
          id: review.id,
          version: review.version,
          state: review.state,
          side: review.side,
          canWrite: review.canWrite,
          summary: review.summary,
          lines: review.lines.map((l) => ({
            skillId: l.skillId,
            skillName: l.skillName,
            selfLevel: l.selfLevel,
            managerLevel: l.managerLevel,
            agreedLevel: l.agreedLevel,
            effectiveLevel: l.effectiveLevel,
            currentLevel: l.currentLevel,
            currentRatedOn: l.currentRatedAt ? day(l.currentRatedAt) : null,
            levels: skillLevels.get(l.skillId) ?? [],
          })),
          comments: review.comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
        }}
        scale={taxonomy.scale}
      />

      {review.revealed && (
        <section aria-labelledby="chart-h" className="no-print space-y-2">
          <h2 id="chart-h" className="text-xl font-semibold">
            Self and manager ratings per skill
          </h2>
          <HorizontalBars
            label="Bar chart: self rating and manager rating per skill (the skills table has the same numbers)"
            max={5}
            data={review.lines.map((l) => ({
              label: l.skillName,
              self: l.selfLevel ?? 0,
              manager: l.managerLevel ?? 0,
            }))}
            series={[
              { key: "self", name: "Self", color: "var(--color-sky-400)" },
              { key: "manager", name: "Manager", color: "var(--color-blue-900)" },
            ]}
          />
        </section>
      )}

      <section aria-labelledby="table-h" className={tableInCards ? "hidden print:block" : ""}>
        <h2 id="table-h" className="text-xl font-semibold">
          {review.locked ? "Final levels" : "Skills"}
        </h2>
        {review.locked && (
          <p className="text-sm text-slate-700">
            Agreed in the review; an amendment after completion shows as “→ new level (amended)”.
          </p>
        )}
        <div
          role="region"
          aria-label="Skills table"
          tabIndex={0}
          className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white print:overflow-visible"
        >
          <table className="w-full text-left text-sm" data-testid="review-table">
            <thead>
              <tr className="border-b">
                <th scope="col" className={cell}>
                  Skill
                </th>
                <th scope="col" className={cell}>
                  Self
                </th>
                <th scope="col" className={cell}>
                  Manager
                </th>
                <th scope="col" className={cell}>
                  Difference
                </th>
                <th scope="col" className={cell}>
                  {review.locked ? "Final" : "Agreed"}
                </th>
                <th scope="col" className={cell}>
                  At last review{review.previous ? ` (${review.previous.period})` : ""}
                </th>
                <th scope="col" className={cell}>
                  Now
                </th>
              </tr>
            </thead>
            <tbody>
              {review.lines.map((l) => (
                <tr
                  key={l.skillId}
                  data-skill={l.skillId}
                  className={`border-b border-slate-100 ${flagged.has(l.skillId) ? "bg-red-50" : ""}`}
                >
                  <th scope="row" className={`${cell} min-w-40 font-normal`}>
                    {l.skillName}
                  </th>
                  <td className={cell}>{l.selfLevel ?? (review.revealed ? "—" : "hidden")}</td>
                  <td className={cell}>{l.managerLevel ?? (review.revealed ? "—" : "hidden")}</td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {l.selfLevel !== null && l.managerLevel !== null ? signed(l.managerLevel - l.selfLevel) : "—"}
                    {flagged.has(l.skillId) && (
                      <strong className="ml-1 text-red-900">⚠ {DISAGREEMENT_FLAG}+ apart</strong>
                    )}
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {l.agreedLevel ?? "—"}
                    {l.effectiveLevel !== l.agreedLevel && l.effectiveLevel !== null && (
                      <span> → {l.effectiveLevel} (amended)</span>
                    )}
                  </td>
                  <td className={cell}>{l.previousLevel ?? "—"}</td>
                  <td className={cell}>{l.currentLevel ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {review.revealed && (
          <p className="mt-2 text-sm text-slate-700">
            Difference = the manager&apos;s level minus the self level; {DISAGREEMENT_FLAG} or more either way is
            flagged ⚠ for discussion.
          </p>
        )}
      </section>

      {(review.goals.length > 0 || review.locked) && (
        <section aria-labelledby="goals-h" data-testid="review-goals">
          <h2 id="goals-h" className="text-xl font-semibold">
            Goals agreed in this review
          </h2>
          {review.goals.length === 0 ? (
            <p className="mt-1 text-slate-700">No goals were added in this review.</p>
          ) : (
            <ul className="mt-2 space-y-1">
              {review.goals.map((g) => (
                <li key={g.id} className="break-words">
                  <strong>{g.skillName}</strong>: reach level {g.targetLevel} ({levelName.get(g.targetLevel)}) ·{" "}
                  {g.dueDate ? `due ${day(g.dueDate)}` : "no due date"}
                  {g.status !== "open" && ` · ${g.status}`}
                  {g.note && <span className="text-slate-700"> — {g.note}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {review.summary && (
        <section aria-labelledby="sum-h">
          <h2 id="sum-h" className="text-xl font-semibold">
            Summary
          </h2>
          <p className="mt-1 break-words whitespace-pre-wrap">{review.summary}</p>
        </section>
      )}

      {review.locked && (
        <section aria-labelledby="ack-h" data-testid="review-ack">
          <h2 id="ack-h" className="text-xl font-semibold">
            Acknowledgement
          </h2>
          <p className="mt-1 break-words">
            {review.acknowledgedAt ? (
              <>
                Acknowledged by {subjectName} on {day(review.acknowledgedAt)}
                {review.ackComment ? `: “${review.ackComment}”` : " (no comment)."}
              </>
            ) : (
              <>
                Completed on {review.completedAt ? day(review.completedAt) : "—"}; not acknowledged by {subjectName}{" "}
                yet.
              </>
            )}
          </p>
        </section>
      )}

      {review.amendments.length > 0 && (
        <section aria-labelledby="amend-h">
          <h2 id="amend-h" className="text-xl font-semibold">
            Amendments
          </h2>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {review.amendments.map((a) => (
              <li key={a.id}>
                {a.createdAt.toISOString().slice(0, 16).replace("T", " ")} — {a.author} changed{" "}
                {review.lines.find((l) => l.skillId === a.skillId)?.skillName} from {a.fromLevel} to {a.toLevel}:{" "}
                {a.reason}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="log-h">
        <h2 id="log-h" className="text-xl font-semibold">
          Audit log
        </h2>
        <ol className="mt-2 list-decimal pl-5 text-sm" data-testid="review-audit">
          {review.audit.map((a) => (
            <li key={a.id}>
              {a.createdAt.toISOString().slice(0, 16).replace("T", " ")} — {a.actor}:{" "}
              {a.action.replace(/^review\./, "").replaceAll(/[.-]/g, " ")}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
