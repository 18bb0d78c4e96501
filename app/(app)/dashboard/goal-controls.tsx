"use client";
import { useId, useState } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { createGoalAction, setGoalStatusAction } from "../me/actions";
import { StaleMark } from "./stale-mark";

/** "Make this a goal": opens a small form (target level, due date, note). */
export function GoalButton({
  skillId,
  skillName,
  targetLevel,
  has,
}: {
  skillId: string;
  skillName: string;
  targetLevel: number;
  has: boolean;
}) {
  const [open, setOpen] = useState(false);
  // The same skill can offer a goal twice on the dashboard (a gap and a learning-path step): ids must still differ.
  const id = `goal-${useId().replace(/:/g, "")}`;
  const form = useActionForm(createGoalAction, {
    fields: ["targetLevel", "dueDate", "note"],
    toInput: (fd) => ({ skillId, ...Object.fromEntries(fd) }),
    onSuccess: () => setOpen(false),
  });
  if (has) return <span className="text-sm text-slate-600">in your plan</span>;
  if (!open) {
    return (
      <button type="button" className="text-sm text-brand-700 underline" onClick={() => setOpen(true)}>
        Add goal<span className="sr-only"> for {skillName}</span>
      </button>
    );
  }
  const input = "rounded border border-slate-400 px-1";
  return (
    <form
      method="post"
      className="flex flex-wrap items-end gap-2 text-sm"
      aria-label={`New goal for ${skillName}`}
      onSubmit={form.onSubmit}
    >
      <label>
        Target{" "}
        <input
          {...form.field("targetLevel", `${id}-target`)}
          type="number"
          min={1}
          max={5}
          defaultValue={targetLevel}
          className={`w-14 ${input}`}
        />
      </label>
      <label>
        Due <input {...form.field("dueDate", `${id}-due`)} type="date" className={input} />
      </label>
      <label>
        Note <input {...form.field("note", `${id}-note`)} className={`w-32 ${input}`} />
      </label>
      <button disabled={form.pending} className="rounded bg-brand-700 px-2 py-1 text-white disabled:opacity-60">
        Save goal
      </button>
      <FieldError id={`${id}-target-error`} messages={form.fieldErrors.targetLevel} />
      <FieldError id={`${id}-due-error`} messages={form.fieldErrors.dueDate} />
      <FieldError id={`${id}-note-error`} messages={form.fieldErrors.note} />
      <FormMessage error={form.formError} />
    </form>
  );
}

type Goal = {
  id: string;
  skillName: string;
  targetLevel: number;
  current: number;
  progress: number;
  done: boolean;
  dueDate: string | null;
  note: string | null;
  fromReview: boolean;
  /** The rating behind "now" is older than six months. */
  stale?: boolean;
};

export function GoalList({ goals }: { goals: Goal[] }) {
  const form = useActionForm(setGoalStatusAction);
  const set = (goalId: string, status: "done" | "dropped") => void form.submit({ goalId, status });
  return (
    <>
      <FormMessage error={form.formError} className="mt-2" />
      <ul className="mt-2 space-y-2" data-testid="goals">
        {goals.map((g) => (
          <li key={g.id} className="rounded border border-slate-200 bg-white p-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span>
                <strong>{g.skillName}</strong> to level {g.targetLevel} — now {g.current}
                {g.stale && <StaleMark />}
                {g.dueDate ? ` · due ${g.dueDate}` : ""}
                {g.fromReview ? " · from a review" : ""}
                {g.done ? " · target reached" : ""}
              </span>
              <span className="flex gap-3 text-sm">
                <button type="button" disabled={form.pending} className="underline" onClick={() => set(g.id, "done")}>
                  Mark done<span className="sr-only"> {g.skillName}</span>
                </button>
                <button
                  type="button"
                  disabled={form.pending}
                  className="underline"
                  onClick={() => set(g.id, "dropped")}
                >
                  Drop<span className="sr-only"> {g.skillName}</span>
                </button>
              </span>
            </div>
            <div
              className="mt-2 h-2 w-full rounded bg-slate-200"
              role="progressbar"
              aria-valuenow={g.progress}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-label={`${g.skillName} goal progress`}
            >
              <div className="h-2 rounded bg-brand-600" style={{ width: `${g.progress}%` }} />
            </div>
            {g.note && <p className="mt-1 text-sm text-slate-700">{g.note}</p>}
          </li>
        ))}
      </ul>
    </>
  );
}
