"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { createGoalAction, setGoalStatusAction } from "../me/actions";

/** "Make this a goal": opens a small form (target level, due date, note). */
export function GoalButton({ skillId, skillName, targetLevel, has }: { skillId: string; skillName: string; targetLevel: number; has: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (has) return <span className="text-sm text-slate-600">in your plan</span>;
  if (!open) {
    return (
      <button type="button" className="text-sm text-brand-700 underline" onClick={() => setOpen(true)}>
        Add goal<span className="sr-only"> for {skillName}</span>
      </button>
    );
  }
  return (
    <form
      className="flex flex-wrap items-end gap-2 text-sm"
      aria-label={`New goal for ${skillName}`}
      onSubmit={async (e) => {
        e.preventDefault();
        const r = await createGoalAction({ skillId, ...Object.fromEntries(new FormData(e.currentTarget)) });
        if (r.ok) {
          setOpen(false);
          router.refresh();
        } else setError(r.message);
      }}
    >
      <label>Target <input name="targetLevel" type="number" min={1} max={5} defaultValue={targetLevel} className="w-14 rounded border border-slate-400 px-1" /></label>
      <label>Due <input name="dueDate" type="date" className="rounded border border-slate-400 px-1" /></label>
      <label>Note <input name="note" className="w-32 rounded border border-slate-400 px-1" /></label>
      <button className="rounded bg-brand-700 px-2 py-1 text-white">Save goal</button>
      {error && <span role="alert" className="text-red-800">{error}</span>}
    </form>
  );
}

type Goal = { id: string; skillName: string; targetLevel: number; current: number; progress: number; done: boolean; dueDate: string | null; note: string | null; fromReview: boolean };

export function GoalList({ goals }: { goals: Goal[] }) {
  const router = useRouter();
  const set = async (goalId: string, status: "done" | "dropped") => {
    const r = await setGoalStatusAction({ goalId, status });
    if (r.ok) router.refresh();
  };
  return (
    <ul className="mt-2 space-y-2" data-testid="goals">
      {goals.map((g) => (
        <li key={g.id} className="rounded border border-slate-200 bg-white p-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span>
              <strong>{g.skillName}</strong> to level {g.targetLevel} — now {g.current}
              {g.dueDate ? ` · due ${g.dueDate}` : ""}
              {g.fromReview ? " · from a review" : ""}
              {g.done ? " · target reached" : ""}
            </span>
            <span className="flex gap-3 text-sm">
              <button type="button" className="underline" onClick={() => set(g.id, "done")}>Mark done<span className="sr-only"> {g.skillName}</span></button>
              <button type="button" className="underline" onClick={() => set(g.id, "dropped")}>Drop<span className="sr-only"> {g.skillName}</span></button>
            </span>
          </div>
          <div className="mt-2 h-2 w-full rounded bg-slate-200" role="progressbar" aria-valuenow={g.progress} aria-valuemin={0} aria-valuemax={100} aria-label={`${g.skillName} goal progress`}>
            <div className="h-2 rounded bg-brand-600" style={{ width: `${g.progress}%` }} />
          </div>
          {g.note && <p className="mt-1 text-sm text-slate-700">{g.note}</p>}
        </li>
      ))}
    </ul>
  );
}
