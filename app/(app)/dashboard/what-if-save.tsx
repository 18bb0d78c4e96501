"use client";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { plural } from "@/lib/domain/plural";
import { saveWhatIfGoalsAction } from "./what-if-actions";

type Saved = {
  created: { skillId: string; name: string; targetLevel: number }[];
  skipped: { skillId: string; name: string; why: "open goal" | "already at level" }[];
};

/** What was saved, in one line: "Created 2 goals: Kubernetes to 4, Go to 3. Skipped Linux (you already have an open goal)." */
function savedMessage({ created, skipped }: Saved): string {
  const made = created.length
    ? `Created ${plural(created.length, "goal", "goals")}: ${created.map((c) => `${c.name} to ${c.targetLevel}`).join(", ")}.`
    : "No new goals created.";
  const why = (w: Saved["skipped"][number]["why"]) =>
    w === "open goal" ? "you already have an open goal" : "you are already at that level";
  const left = skipped.length ? ` Skipped ${skipped.map((s) => `${s.name} (${why(s.why)})`).join(", ")}.` : "";
  return made + left;
}

/** "Save as goals": turns the scenario's raised skills into goals in the development plan. */
export function WhatIfSave({ raises }: { raises: string[] }) {
  const form = useActionForm(saveWhatIfGoalsAction, {
    toInput: (fd) => ({ raise: fd.getAll("raise") }),
    successMessage: (data) => savedMessage(data),
    resetOnSuccess: false,
  });
  return (
    <form method="post" onSubmit={form.onSubmit} className="space-y-2" aria-label="Save the scenario as goals">
      {raises.map((r) => (
        <input key={r} type="hidden" name="raise" value={r} />
      ))}
      <button
        disabled={form.pending}
        className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        Save as goals
      </button>
      <FormMessage error={form.formError} success={form.success} />
    </form>
  );
}
