"use client";
import { useState } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { commentAction, reviewGoalAction, saveAgreementAction, transitionAction } from "../actions";
import { reviewInput, type Line, type ReviewFormProps } from "./review-types";

/** The discussion: a comment thread per skill, the manager's agreed levels and summary, goals for the plan. */
export function DiscussionSection({ review, scale, version, announce }: ReviewFormProps) {
  return (
    <section aria-labelledby="disc-h" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="disc-h" className="text-xl font-semibold">
        Discussion
      </h2>
      {review.lines.map((l) => (
        <CommentThread key={l.skillId} review={review} line={l} version={version} announce={announce} />
      ))}
      {review.side === "manager" && review.canWrite && (
        <AgreementForm review={review} scale={scale} version={version} announce={announce} />
      )}
      {review.canWrite && <ReviewGoalForm review={review} scale={scale} version={version} announce={announce} />}
    </section>
  );
}

function CommentThread({ review, line: l, version, announce }: Omit<ReviewFormProps, "scale"> & { line: Line }) {
  const form = useActionForm(version.versioned(commentAction), {
    fields: ["body"],
    onSuccess: () => announce("Comment added."),
    onError: () => announce(null),
    toInput: (fd) => ({ reviewId: review.id, skillId: l.skillId, body: fd.get("body") }),
  });
  const thread = review.comments.filter((c) => c.skillId === l.skillId);
  const id = `c-${l.skillId}`;
  return (
    <details className="rounded border border-slate-200 p-2">
      <summary className="cursor-pointer">
        {l.skillName} — {thread.length} comment{thread.length === 1 ? "" : "s"}
      </summary>
      <ul className="mt-2 space-y-1 text-sm">
        {thread.map((c) => (
          <li key={c.id}>
            <strong>{c.author}</strong> ({c.createdAt.slice(0, 16).replace("T", " ")}): {c.body}
          </li>
        ))}
      </ul>
      {review.canWrite && (
        <form className="mt-2 flex flex-wrap gap-2" onSubmit={form.onSubmit}>
          <label htmlFor={id} className="sr-only">
            Comment on {l.skillName}
          </label>
          <input
            {...form.field("body", id)}
            className={`${reviewInput} flex-1`}
            placeholder={`Comment on ${l.skillName}`}
          />
          <button disabled={form.pending} className="rounded border border-slate-400 px-2">
            Add
          </button>
          <FieldError id={`${id}-error`} messages={form.fieldErrors.body} />
          <FormMessage error={form.formError} className="w-full text-sm" />
        </form>
      )}
    </details>
  );
}

function AgreementForm({ review, scale, version, announce }: ReviewFormProps) {
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

  return (
    <div className="space-y-3">
      <h3 className="font-semibold">Agreed levels</h3>
      {review.lines.map((l) => (
        <div key={l.skillId} className="flex items-center gap-3">
          <label htmlFor={`ag-${l.skillId}`} className="w-64">
            {l.skillName}
          </label>
          <select
            id={`ag-${l.skillId}`}
            className={reviewInput}
            value={agreed[l.skillId]}
            onChange={(e) => setAgreed({ ...agreed, [l.skillId]: Number(e.target.value) })}
          >
            {scale.map((s) => (
              <option key={s.level} value={s.level}>
                {s.level} {s.name}
              </option>
            ))}
          </select>
        </div>
      ))}
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
      <div className="flex gap-3">
        <button
          type="button"
          disabled={pending}
          className="rounded border border-brand-700 px-3 py-1.5 text-brand-700"
          onClick={(e) => {
            setSaid("save");
            void save.submit(input(), e.currentTarget);
          }}
        >
          Save agreement
        </button>
        <button
          type="button"
          disabled={pending}
          className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white"
          onClick={saveThenComplete}
        >
          Complete review
        </button>
      </div>
    </div>
  );
}

function ReviewGoalForm({ review, scale, version, announce }: ReviewFormProps) {
  const form = useActionForm(version.versioned(reviewGoalAction), {
    fields: ["skillId", "targetLevel", "dueDate", "note"],
    onSuccess: () => announce("Goal added to the development plan."),
    onError: () => announce(null),
    toInput: (fd) => ({ reviewId: review.id, ...Object.fromEntries(fd) }),
  });
  const errors = form.fieldErrors;
  return (
    <form className="flex flex-wrap items-end gap-3 border-t border-slate-200 pt-3" onSubmit={form.onSubmit}>
      <h3 className="w-full font-semibold">Add a goal to the plan</h3>
      <label className="text-sm">
        Skill
        <select {...form.field("skillId", "rg-skill")} className={`${reviewInput} ml-1`}>
          {review.lines.map((l) => (
            <option key={l.skillId} value={l.skillId}>
              {l.skillName}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        Target level
        <select {...form.field("targetLevel", "rg-target")} className={`${reviewInput} ml-1`} defaultValue="3">
          {scale
            .filter((s) => s.level > 0)
            .map((s) => (
              <option key={s.level} value={s.level}>
                {s.level} {s.name}
              </option>
            ))}
        </select>
      </label>
      <label className="text-sm">
        Due
        <input {...form.field("dueDate", "rg-due")} type="date" className={`${reviewInput} ml-1`} />
      </label>
      <label className="text-sm">
        Note
        <input {...form.field("note", "rg-note")} className={`${reviewInput} ml-1`} />
      </label>
      <button disabled={form.pending} className="rounded border border-brand-700 px-3 py-1.5 text-brand-700">
        Add goal
      </button>
      <div className="w-full text-sm">
        <FieldError id="rg-skill-error" messages={errors.skillId} />
        <FieldError id="rg-target-error" messages={errors.targetLevel} />
        <FieldError id="rg-due-error" messages={errors.dueDate} />
        <FieldError id="rg-note-error" messages={errors.note} />
        <FormMessage error={form.formError} />
      </div>
    </form>
  );
}
