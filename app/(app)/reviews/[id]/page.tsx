import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getReviewPage } from "@/lib/data/pages";
import { orNotFound } from "@/lib/page";
import { assessmentDisagreements } from "@/lib/domain";
import { reviewStateLabel } from "@/lib/domain/review";
import { HorizontalBars } from "@/components/charts/bars";
import { ReviewWorkspace } from "./review-workspace";
import { PrintButton } from "./print-button";

export const metadata: Metadata = { title: "Review" };

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
  return (
    <article className="space-y-8">
      <header className="space-y-1">
        <p className="no-print text-sm text-slate-600">
          <Link href="/reviews" className="underline">
            Reviews
          </Link>
        </p>
        <h1 className="text-3xl font-bold">
          Review of {subjectName} — {review.period}
        </h1>
        <p className="text-slate-700">
          Team {review.team.name} · manager {review.managerName} · due {review.dueDate.toISOString().slice(0, 10)} ·{" "}
          <strong data-testid="review-state">{reviewStateLabel(review.state)}</strong>
          {review.locked && " · locked (corrections are amendments)"}
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
            Self and manager ratings
          </h2>
          {dis.flaggedCount > 0 ? (
            <p
              role="status"
              className="rounded border border-red-300 bg-red-50 p-3 text-red-900"
              data-testid="disconnect-count"
            >
              {dis.flaggedCount} skill{dis.flaggedCount === 1 ? "" : "s"} differ by two levels or more — talk these
              through first.
            </p>
          ) : (
            <p>No skill differs by two levels or more.</p>
          )}
          <HorizontalBars
            label="Bar chart: self rating and manager rating per skill"
            max={5}
            data={review.lines.map((l) => ({
              label: l.skillName,
              self: l.selfLevel ?? 0,
              manager: l.managerLevel ?? 0,
            }))}
            series={[
              { key: "self", name: "Self", color: "#60a5fa" },
              { key: "manager", name: "Manager", color: "#1e3a8a" },
            ]}
          />
        </section>
      )}

      <section aria-labelledby="table-h">
        <h2 id="table-h" className="text-xl font-semibold">
          Skills
        </h2>
        <table
          className="mt-2 w-full rounded border border-slate-200 bg-white text-left text-sm"
          data-testid="review-table"
        >
          <thead>
            <tr className="border-b">
              <th scope="col" className="p-2">
                Skill
              </th>
              <th scope="col" className="p-2">
                Self
              </th>
              <th scope="col" className="p-2">
                Manager
              </th>
              <th scope="col" className="p-2">
                Difference
              </th>
              <th scope="col" className="p-2">
                Agreed
              </th>
              <th scope="col" className="p-2">
                At last review{review.previous ? ` (${review.previous.period})` : ""}
              </th>
              <th scope="col" className="p-2">
                Now
              </th>
            </tr>
          </thead>
          <tbody>
            {review.lines.map((l) => (
              <tr key={l.skillId} className={`border-b border-slate-100 ${flagged.has(l.skillId) ? "bg-red-50" : ""}`}>
                <th scope="row" className="p-2 font-normal">
                  {l.skillName}
                </th>
                <td className="p-2">{l.selfLevel ?? (review.revealed ? "—" : "hidden")}</td>
                <td className="p-2">{l.managerLevel ?? (review.revealed ? "—" : "hidden")}</td>
                <td className="p-2">
                  {l.selfLevel !== null && l.managerLevel !== null ? l.managerLevel - l.selfLevel : "—"}
                  {flagged.has(l.skillId) && <strong className="ml-1 text-red-900">⚠ 2+ apart</strong>}
                </td>
                <td className="p-2">
                  {l.agreedLevel ?? "—"}
                  {l.effectiveLevel !== l.agreedLevel && l.effectiveLevel !== null && (
                    <span> → {l.effectiveLevel} (amended)</span>
                  )}
                </td>
                <td className="p-2">{l.previousLevel ?? "—"}</td>
                <td className="p-2">{l.currentLevel ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {review.summary && (
        <section aria-labelledby="sum-h">
          <h2 id="sum-h" className="text-xl font-semibold">
            Summary
          </h2>
          <p className="mt-1 whitespace-pre-wrap">{review.summary}</p>
          {review.acknowledgedAt && (
            <p className="mt-2 text-slate-700">
              Acknowledged by {subjectName} on {review.acknowledgedAt.toISOString().slice(0, 10)}
              {review.ackComment ? `: “${review.ackComment}”` : "."}
            </p>
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
          lines: review.lines,
          comments: review.comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
        }}
        scale={taxonomy.scale}
      />

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
