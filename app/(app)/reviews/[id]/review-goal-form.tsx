"use client";
import { useState } from "react";
import { FieldError } from "@/components/field-error";
import { LevelPicker } from "@/components/level-picker";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { reviewGoalAction } from "../actions";
import { reviewInput, secondaryButton, type ReviewFormProps } from "./review-types";

/** A development goal agreed in the discussion, added to the person's plan. A fresh form after each goal. */
export function ReviewGoalForm(props: ReviewFormProps) {
  const [round, setRound] = useState(0);
  return <GoalForm key={round} {...props} onAdded={() => setRound((r) => r + 1)} />;
}

function GoalForm({ review, scale, version, announce, onAdded }: ReviewFormProps & { onAdded: () => void }) {
  const [target, setTarget] = useState(3);
  const form = useActionForm(version.versioned(reviewGoalAction), {
    fields: ["skillId", "targetLevel", "dueDate", "note"],
    resetOnSuccess: false,
    onSuccess: () => {
      announce("Goal added to the development plan.");
      onAdded();
    },
    onError: () => announce(null),
    toInput: (fd) => ({ reviewId: review.id, ...Object.fromEntries(fd) }),
  });
  const errors = form.fieldErrors;
  return (
    <form method="post" className="space-y-3 border-t border-slate-200 pt-4" onSubmit={form.onSubmit}>
      <h3 className="font-semibold">Add a goal to the plan</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="min-w-0">
          <label htmlFor="rg-skill" className="block text-sm font-medium">
            Skill
          </label>
          <select {...form.field("skillId", "rg-skill")} className={`${reviewInput} w-full max-w-full`}>
            {review.lines.map((l) => (
              <option key={l.skillId} value={l.skillId}>
                {l.skillName}
              </option>
            ))}
          </select>
          <FieldError id="rg-skill-error" messages={errors.skillId} />
        </div>
        <div className="min-w-0">
          <label htmlFor="rg-due" className="block text-sm font-medium">
            Due <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <input {...form.field("dueDate", "rg-due")} type="date" className={`${reviewInput} w-full`} />
          <FieldError id="rg-due-error" messages={errors.dueDate} />
        </div>
      </div>
      <div>
        <p className="text-sm font-medium" aria-hidden="true">
          Target level
        </p>
        <LevelPicker
          name="targetLevel"
          label="Target level"
          scale={scale.filter((s) => s.level > 0)}
          value={target}
          onChange={setTarget}
          invalid={Boolean(errors.targetLevel)}
          describedBy="rg-target-error"
          compact
        />
        <FieldError id="rg-target-error" messages={errors.targetLevel} />
      </div>
      <div>
        <label htmlFor="rg-note" className="block text-sm font-medium">
          Note <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <input {...form.field("note", "rg-note")} className={`${reviewInput} w-full`} />
        <FieldError id="rg-note-error" messages={errors.note} />
      </div>
      <FormMessage error={form.formError} />
      <button disabled={form.pending} className={secondaryButton}>
        Add goal
      </button>
    </form>
  );
}
