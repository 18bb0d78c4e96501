"use client";
import { useState } from "react";
import { FieldError } from "@/components/field-error";
import { LevelPicker } from "@/components/level-picker";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { DISAGREEMENT_FLAG, discussionOrder, type DiscussionItem } from "@/lib/domain/disagreements";
import { levelDescriptor } from "@/lib/domain/level-descriptors";
import type { ScaleLevel } from "@/lib/domain/types";
import { commentAction, saveAgreementAction, transitionAction } from "../actions";
import { ReviewGoalForm } from "./review-goal-form";
import { primaryButton, reviewInput, secondaryButton, type Line, type ReviewFormProps } from "./review-types";

const signed = (d: number | null) => (d === null ? "—" : d > 0 ? `+${d}` : String(d));

/**
 * The discussion: one card per skill with the self level, the manager's level, their difference, the comment thread
 * and the agreed level together. Flagged disagreements come first; the other skills follow in compact cards.
 * The manager records the agreed levels and the summary, then completes; either side adds goals to the plan.
 */
export function DiscussionSection({ review, scale, version, announce }: ReviewFormProps) {
  const { flagged, others } = discussionOrder(review.lines);
  const agreeing = review.side === "manager" && review.canWrite;
  const [agreed, setAgreed] = useState<Record<string, number>>(
    Object.fromEntries(review.lines.map((l) => [l.skillId, l.agreedLevel ?? l.managerLevel ?? 0])),
  );
  const [summary, setSummary] = useState(review.summary ?? "");
  const [said, setSaid] = useState<"save" | "complete">("save");
  const save = useActionForm(version.versioned(saveAgreementAction), {
    fields: ["summary"],
    onSuccess: () => announce("Agreement saved."),
    onError: () => announce(null),
  });
  const complete = useActionForm(version.versioned(transitionAction), {
    onSuccess: () => announce("Review completed and locked."),
    onError: () => announce(null),
  });
  const pending = save.pending || complete.pending;
  const input = () => ({
    reviewId: review.id,
    agreed: Object.entries(agreed).map(([skillId, level]) => ({ skillId, level })),
    summary,
  });
  async function saveThenComplete(e: React.MouseEvent<HTMLButtonElement>) {
    setSaid("complete");
    const saved = await save.submit(input(), e.currentTarget);
    if (saved.ok) await complete.submit({ reviewId: review.id, event: "complete" });
  }
  const card = (l: DiscussionItem<Line>, compact: boolean) => (
    <SkillCard
      key={l.skillId}
      line={l}
      compact={compact}
      scale={scale}
      agreed={agreeing ? agreed[l.skillId]! : null}
      onAgree={(level) => setAgreed((prev) => ({ ...prev, [l.skillId]: level }))}
      review={review}
      version={version}
      announce={announce}
    />
  );

  return (
    <section
      aria-labelledby="disc-h"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-3 sm:p-4"
      data-testid="discussion"
    >
      <h2 id="disc-h" className="text-xl font-semibold">
        Discussion
      </h2>
      <p id="diff-legend" className="text-sm text-slate-700">
        Difference = the manager&apos;s level minus the self level (+ means the manager rated higher). A difference of{" "}
        {DISAGREEMENT_FLAG} or more either way is flagged ⚠ and listed first.
      </p>
      {flagged.length > 0 ? (
        <>
          <h3 className="font-semibold text-red-900">
            Flagged: talk these through first ({flagged.length} skill{flagged.length === 1 ? "" : "s"})
          </h3>
          <ul className="space-y-3" data-testid="flagged-cards">
            {flagged.map((l) => card(l, false))}
          </ul>
        </>
      ) : (
        <p>No skill differs by {DISAGREEMENT_FLAG} levels or more.</p>
      )}
      {others.length > 0 && (
        <details className="rounded border border-slate-200" data-testid="other-skills" open={flagged.length === 0}>
          <summary className="min-h-11 cursor-pointer px-3 py-2.5 font-semibold">
            {flagged.length ? "Other skills" : "Skills"} ({others.length}): self and manager within one level
            {agreeing ? "; the agreed level starts at the manager's" : ""}
          </summary>
          <ul className="divide-y divide-slate-100 border-t border-slate-200">{others.map((l) => card(l, true))}</ul>
        </details>
      )}
      {agreeing && (
        <div className="space-y-3 border-t border-slate-200 pt-4">
          <label htmlFor="summary" className="block font-medium">
            Summary
          </label>
          <textarea
            id="summary"
            className={`${reviewInput} w-full`}
            rows={4}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
            aria-invalid={Boolean(save.fieldErrors.summary)}
            aria-describedby="summary-error"
          />
          <FieldError id="summary-error" messages={save.fieldErrors.summary} />
          <FormMessage error={save.formError ?? (said === "complete" ? complete.formError : null)} />
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              disabled={pending}
              className={secondaryButton}
              onClick={(e) => {
                setSaid("save");
                void save.submit(input(), e.currentTarget);
              }}
            >
              Save agreement
            </button>
            <button type="button" disabled={pending} className={primaryButton} onClick={saveThenComplete}>
              Complete review
            </button>
          </div>
        </div>
      )}
      {review.canWrite && <ReviewGoalForm review={review} scale={scale} version={version} announce={announce} />}
    </section>
  );
}

/** One skill in the discussion: the two levels, the difference, the agreed level and the comment thread. */
function SkillCard({
  line: l,
  compact,
  scale,
  agreed,
  onAgree,
  ...props
}: Omit<ReviewFormProps, "scale"> & {
  line: DiscussionItem<Line>;
  compact: boolean;
  scale: ScaleLevel[];
  /** The manager's agreed level being edited, or null when this viewer does not record agreement. */
  agreed: number | null;
  onAgree: (level: number) => void;
}) {
  const comments = props.review.comments.filter((c) => c.skillId === l.skillId);
  const headingId = `dc-${l.skillId}`;
  const chosen = agreed === null ? null : levelDescriptor(l, scale, agreed);
  return (
    <li
      className={compact ? "space-y-2 p-3" : "space-y-3 rounded-lg border-2 border-red-300 bg-red-50 p-3"}
      data-testid="discussion-card"
      data-skill={l.skillId}
      data-flagged={l.flagged}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h4 id={headingId} className="min-w-0 font-semibold break-words">
          {l.skillName}
        </h4>
        {l.flagged && <strong className="text-sm text-red-900">⚠ {DISAGREEMENT_FLAG}+ apart</strong>}
      </div>
      <dl className="flex flex-wrap gap-x-5 gap-y-1 text-sm" aria-describedby="diff-legend">
        <div className="flex gap-1">
          <dt>Self</dt>
          <dd className="font-semibold">{l.selfLevel ?? "—"}</dd>
        </div>
        <div className="flex gap-1">
          <dt>Manager</dt>
          <dd className="font-semibold">{l.managerLevel ?? "—"}</dd>
        </div>
        <div className="flex gap-1">
          <dt>Difference</dt>
          <dd className="font-semibold">{signed(l.diff)}</dd>
        </div>
        {agreed === null && (
          <div className="flex gap-1">
            <dt>Agreed</dt>
            <dd className="font-semibold">{l.agreedLevel ?? "not yet"}</dd>
          </div>
        )}
      </dl>
      {agreed !== null && (
        <div className="space-y-1">
          <p className={compact ? "sr-only" : "text-sm font-medium"} aria-hidden="true">
            Agreed level
          </p>
          <LevelPicker
            name={`ag-${l.skillId}`}
            label={`Agreed level for ${l.skillName}`}
            scale={scale}
            value={agreed}
            onChange={onAgree}
            describedBy={`agd-${l.skillId}`}
            compact
          />
          <p id={`agd-${l.skillId}`} className={compact ? "sr-only" : "text-sm text-slate-700"}>
            {chosen ? `${chosen.level} ${chosen.name}${chosen.specific ? `: ${chosen.text}` : ""}` : ""}
            {l.agreedLevel === null ? " (the manager's level; not saved yet)" : ""}
          </p>
        </div>
      )}
      {compact ? (
        <details className="text-sm">
          <summary className="min-h-11 cursor-pointer py-2.5">Comments ({comments.length})</summary>
          <CommentThread line={l} comments={comments} {...props} />
        </details>
      ) : (
        <CommentThread line={l} comments={comments} {...props} />
      )}
    </li>
  );
}

function CommentThread({
  review,
  line: l,
  comments,
  version,
  announce,
}: Omit<ReviewFormProps, "scale"> & { line: Line; comments: ReviewFormProps["review"]["comments"] }) {
  const form = useActionForm(version.versioned(commentAction), {
    fields: ["body"],
    onSuccess: () => announce("Comment added."),
    onError: () => announce(null),
    toInput: (fd) => ({ reviewId: review.id, skillId: l.skillId, body: fd.get("body") }),
  });
  const id = `c-${l.skillId}`;
  return (
    <div className="space-y-2 text-sm">
      {comments.length > 0 && (
        <ul className="space-y-1">
          {comments.map((c) => (
            <li key={c.id} className="break-words">
              <strong>{c.author}</strong> ({c.createdAt.slice(0, 16).replace("T", " ")}): {c.body}
            </li>
          ))}
        </ul>
      )}
      {review.canWrite && (
        <form method="post" className="flex flex-wrap gap-2" onSubmit={form.onSubmit}>
          <label htmlFor={id} className="sr-only">
            Comment on {l.skillName}
          </label>
          <input
            {...form.field("body", id)}
            className={`${reviewInput} min-w-0 flex-1 bg-white`}
            placeholder={`Comment on ${l.skillName}`}
          />
          <button disabled={form.pending} className="min-h-11 rounded border border-slate-400 bg-white px-3">
            Add
          </button>
          <FieldError id={`${id}-error`} messages={form.fieldErrors.body} />
          <FormMessage error={form.formError} className="w-full" />
        </form>
      )}
    </div>
  );
}
