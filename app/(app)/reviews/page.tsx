import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getReviewsPage } from "@/lib/data/pages";
import { REVIEW_STATES, reviewNextStep, reviewStateLabel } from "@/lib/domain/review";
import { StartReviewForm } from "./start-review-form";

export const metadata: Metadata = { title: "Reviews" };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const day = (d: Date) => d.toISOString().slice(0, 10);

export default async function ReviewsPage() {
  const actor = await requireActor("/reviews");
  const { reviews, due } = await getReviewsPage(actor);
  const now = new Date();
  return (
    <div className="min-w-0 space-y-8">
      <h1 className="text-3xl font-bold">Reviews</h1>
      <p>
        <Link href="/cycles" className="inline-flex min-h-11 items-center text-brand-700 underline">
          Review cycles
        </Link>
        <span className="text-slate-700">: reviews for whole teams at once, with deadlines and reminders.</span>
      </p>
      {reviews.length === 0 ? (
        <p className="text-slate-700" data-testid="reviews-empty">
          {due.length > 0
            ? "No reviews yet. Start one below for a person who is due for a review."
            : "No reviews yet. A manager starts a review for a member of their team on this page; the person then fills in a self-assessment first, and it appears here."}
        </p>
      ) : (
        <p className="text-slate-700">{plural(reviews.length, "review", "reviews")} you can see.</p>
      )}
      {REVIEW_STATES.map((state) => {
        const list = reviews.filter((r) => r.state === state);
        if (!list.length) return null;
        return (
          <section key={state} aria-labelledby={`st-${state}`}>
            <h2 id={`st-${state}`} className="text-xl font-semibold first-letter:uppercase">
              {reviewStateLabel(state)} ({plural(list.length, "review", "reviews")})
            </h2>
            <ul className="mt-2 divide-y divide-slate-100 rounded border border-slate-200 bg-white">
              {list.map((r) => {
                const subject = r.subject.name ?? r.subject.email;
                return (
                  <li key={r.id} className="space-y-1 p-3" data-testid="review-row">
                    <Link
                      className="inline-flex min-h-11 items-center font-medium break-words text-brand-700 underline"
                      href={`/reviews/${r.id}`}
                    >
                      {r.side === "subject" ? "Your review" : subject} — {r.period}
                    </Link>
                    <p className="font-medium text-slate-900" data-testid="review-next">
                      {reviewNextStep(r.state, r.side, { subject, manager: r.managerName })}
                      {r.overdue && (
                        <strong className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-red-900">overdue</strong>
                      )}
                    </p>
                    <p className="text-sm break-words text-slate-700">
                      {r.team.name} · manager {r.managerName} · due {day(r.dueDate)}
                      {!r.canWrite && r.side === "subject" && <span> · read-only: you left the team</span>}
                    </p>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {due.length > 0 && (
        <section aria-labelledby="due-h" className="space-y-3">
          <h2 id="due-h" className="text-xl font-semibold">
            Due for a review ({plural(due.length, "person", "people")})
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
              label: `${d.name} (${d.teamName})${d.lastReview ? ` — last ${day(d.lastReview)}` : " — never reviewed"}`,
            }))}
          />
        </section>
      )}
    </div>
  );
}
