"use client";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { amendAction } from "../actions";
import { reviewInput, type ReviewFormProps } from "./review-types";

/** The manager records a change to an agreed level after completion, with a reason. */
export function AmendmentForm({ review, scale, version, announce }: ReviewFormProps) {
  const form = useActionForm(version.versioned(amendAction), {
    fields: ["skillId", "toLevel", "reason"],
    onSuccess: () => announce("Amendment recorded."),
    onError: () => announce(null),
    toInput: (fd) => ({ reviewId: review.id, ...Object.fromEntries(fd) }),
  });
  const errors = form.fieldErrors;
  return (
    <form
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={form.onSubmit}
    >
      <h2 className="w-full text-xl font-semibold">Record an amendment</h2>
      <label className="text-sm">
        Skill
        <select {...form.field("skillId", "am-skill")} className={`${reviewInput} ml-1`}>
          {review.lines.map((l) => (
            <option key={l.skillId} value={l.skillId}>
              {l.skillName} (now {l.effectiveLevel})
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        New level
        <select {...form.field("toLevel", "am-level")} className={`${reviewInput} ml-1`}>
          {scale.map((s) => (
            <option key={s.level} value={s.level}>
              {s.level} {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        Reason
        <input {...form.field("reason", "am-reason")} className={`${reviewInput} ml-1`} />
      </label>
      <button disabled={form.pending} className="rounded border border-brand-700 px-3 py-1.5 text-brand-700">
        Amend
      </button>
      <div className="w-full text-sm">
        <FieldError id="am-skill-error" messages={errors.skillId} />
        <FieldError id="am-level-error" messages={errors.toLevel} />
        <FieldError id="am-reason-error" messages={errors.reason} />
        <FormMessage error={form.formError} />
      </div>
    </form>
  );
}
