import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getReviewsPage } from "@/lib/data/pages";
import { REVIEW_STATES } from "@/lib/domain/review";
import { StartReviewForm } from "./start-review-form";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage() {
  const actor = await requireActor("/reviews");
  const { reviews, due } = await getReviewsPage(actor);
  const now = new Date();
  return (
    <div className="space-y-8">
      <h1 className="text-3xl font-bold">Reviews</h1>
      {reviews.length === 0 && (
        <p className="text-slate-700">No reviews yet. A manager starts a review for a member of their team.</p>
      )}
      {REVIEW_STATES.map((state) => {
        const list = reviews.filter((r) => r.state === state);
        if (!list.length) return null;
        return (
          <section key={state} aria-labelledby={`st-${state}`}>
            <h2 id={`st-${state}`} className="text-xl font-semibold capitalize">
              {state.replace("_", " ")} ({list.length})
            </h2>
            <ul className="mt-2 divide-y divide-slate-100 rounded border border-slate-200 bg-white">
              {list.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                  <Link className="text-brand-700 underline" href={`/reviews/${r.id}`}>
                    {r.side === "subject" ? "Your review" : (r.subject.name ?? r.subject.email)} — {r.period}
                  </Link>
                  <span className="text-sm text-slate-700">
                    {r.team.name} · manager {r.managerName} · due {r.dueDate.toISOString().slice(0, 10)}
                    {!r.canWrite && r.side === "subject" && (
                      <span className="ml-2">(read-only: you left the team)</span>
                    )}
                    {r.overdue && (
                      <strong className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-red-900">overdue</strong>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {due.length > 0 && (
        <section aria-labelledby="due-h" className="space-y-3">
          <h2 id="due-h" className="text-xl font-semibold">
            Due for a review
          </h2>
          <p className="text-sm text-slate-700">
            People in your teams with no completed review in the last six months.
          </p>
          <StartReviewForm
            defaultPeriod={`${now.getFullYear()} H${now.getMonth() < 6 ? 1 : 2}`}
            defaultDue={new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10)}
            people={due.map((d) => ({
              userId: d.userId,
              teamId: d.teamId,
              label: `${d.name} (${d.teamName})${d.lastReview ? ` — last ${d.lastReview.toISOString().slice(0, 10)}` : " — never reviewed"}`,
            }))}
          />
        </section>
      )}
    </div>
  );
}
