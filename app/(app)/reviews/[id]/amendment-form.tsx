"use client";
import { useState } from "react";
import { FieldError } from "@/components/field-error";
import { LevelPicker } from "@/components/level-picker";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { amendAction } from "../actions";
import { reviewInput, secondaryButton, type ReviewFormProps } from "./review-types";

/** The manager records a change to an agreed level after completion, with a reason. A fresh form after each one. */
export function AmendmentForm(props: ReviewFormProps) {
  const [round, setRound] = useState(0);
  return <Amendment key={round} {...props} onDone={() => setRound((r) => r + 1)} />;
}

function Amendment({ review, scale, version, announce, onDone }: ReviewFormProps & { onDone: () => void }) {
  const [skillId, setSkillId] = useState(review.lines[0]?.skillId ?? "");
  const current = review.lines.find((l) => l.skillId === skillId)?.effectiveLevel ?? null;
  const [toLevel, setToLevel] = useState<number | null>(null);
  const form = useActionForm(version.versioned(amendAction), {
    fields: ["skillId", "toLevel", "reason"],
    resetOnSuccess: false,
    onSuccess: () => {
      announce("Amendment recorded.");
      onDone();
    },
    onError: () => announce(null),
    toInput: (fd) => ({ reviewId: review.id, ...Object.fromEntries(fd) }),
  });
  const errors = form.fieldErrors;
  return (
    <form
      method="post"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 sm:p-4"
      onSubmit={form.onSubmit}
    >
      <h2 className="text-xl font-semibold">Record an amendment</h2>
      <div>
        <label htmlFor="am-skill" className="block text-sm font-medium">
          Skill
        </label>
        <select
          {...form.field("skillId", "am-skill")}
          className={`${reviewInput} w-full max-w-full sm:w-auto`}
          value={skillId}
          onChange={(e) => setSkillId(e.target.value)}
        >
          {review.lines.map((l) => (
            <option key={l.skillId} value={l.skillId}>
              {l.skillName} (now {l.effectiveLevel ?? "—"})
            </option>
          ))}
        </select>
        <FieldError id="am-skill-error" messages={errors.skillId} />
      </div>
      <div>
        <p className="text-sm font-medium" aria-hidden="true">
          New level {current !== null && <span className="font-normal text-slate-600">(now {current})</span>}
        </p>
        {/* No level chosen sends nothing, and the action answers under "New level". */}
        <LevelPicker
          name="toLevel"
          label="New level"
          scale={scale}
          value={toLevel}
          onChange={setToLevel}
          invalid={Boolean(errors.toLevel)}
          describedBy="am-level-error"
          compact
        />
        <FieldError id="am-level-error" messages={errors.toLevel} />
      </div>
      <div>
        <label htmlFor="am-reason" className="block text-sm font-medium">
          Reason
        </label>
        <input {...form.field("reason", "am-reason")} className={`${reviewInput} w-full`} />
        <FieldError id="am-reason-error" messages={errors.reason} />
      </div>
      <FormMessage error={form.formError} />
      <button disabled={form.pending} className={secondaryButton}>
        Amend
      </button>
    </form>
  );
}
