"use client";
import { useState } from "react";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { saveAssessmentAction, transitionAction } from "../actions";
import { reviewInput, type ReviewFormProps } from "./review-types";

/** Self-assessment (the subject) or the manager's assessment: levels per skill, save as draft or submit. */
export function AssessmentForm({ review, scale, version, announce }: ReviewFormProps) {
  const { side, state } = review;
  const mine = side === "subject" ? "selfLevel" : "managerLevel";
  const [levels, setLevels] = useState<Record<string, number | null>>(
    Object.fromEntries(review.lines.map((l) => [l.skillId, l[mine]])),
  );
  const [said, setSaid] = useState<"save" | "submit">("save");
  const save = useActionForm(version.versioned(saveAssessmentAction), {
    onSuccess: () => announce(said === "submit" ? "Saved." : "Draft saved."),
    onError: () => announce(null),
  });
  const submit = useActionForm(version.versioned(transitionAction), {
    onSuccess: () => announce("Submitted."),
    onError: () => announce(null),
  });
  const pending = save.pending || submit.pending;
  const rated = Object.entries(levels)
    .filter(([, v]) => v !== null)
    .map(([skillId, level]) => ({ skillId, level: level! }));
  const canSubmit = side === "subject" || state === "manager_assessment";
  // Errors name rows of what was sent ("levels.2.level"); the select of that skill shows it.
  const sentLevels = (save.state?.input as { levels?: { skillId: string }[] } | undefined)?.levels ?? [];
  const invalid = new Set(
    Object.keys(save.fieldErrors).map((k) => sentLevels[Number(/^levels\.(\d+)\./.exec(k)?.[1])]?.skillId),
  );

  async function saveThenSubmit(e: React.MouseEvent<HTMLButtonElement>) {
    setSaid("submit");
    const saved = await save.submit({ reviewId: review.id, levels: rated }, e.currentTarget);
    if (saved.ok)
      await submit.submit({ reviewId: review.id, event: side === "subject" ? "submit-self" : "submit-manager" });
  }

  return (
    <section aria-labelledby="assess-h" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="assess-h" className="text-xl font-semibold">
        {side === "subject" ? "Your self-assessment" : "Your assessment"}
      </h2>
      <p className="text-sm text-slate-700">
        {side === "subject"
          ? "Your manager cannot see these until you have both submitted."
          : "The self-assessment stays hidden from you until you submit yours."}
      </p>
      {review.lines.map((l) => {
        const v = levels[l.skillId];
        const d = scale.find((s) => s.level === v);
        return (
          <div key={l.skillId} className="grid gap-1 md:grid-cols-[16rem_10rem_1fr] md:items-center">
            <label htmlFor={`lv-${l.skillId}`} className="font-medium">
              {l.skillName}
            </label>
            <select
              id={`lv-${l.skillId}`}
              className={reviewInput}
              value={v ?? ""}
              aria-invalid={invalid.has(l.skillId)}
              aria-describedby={`lvd-${l.skillId}`}
              onChange={(e) =>
                setLevels({ ...levels, [l.skillId]: e.target.value === "" ? null : Number(e.target.value) })
              }
            >
              <option value="">— not rated —</option>
              {scale.map((s) => (
                <option key={s.level} value={s.level}>
                  {s.level} {s.name}
                </option>
              ))}
            </select>
            <p id={`lvd-${l.skillId}`} className="text-sm text-slate-700">
              {d?.description ?? ""}
            </p>
          </div>
        );
      })}
      <FormMessage error={save.formError ?? (said === "submit" ? submit.formError : null)} />
      <div className="flex gap-3">
        <button
          type="button"
          disabled={pending}
          className="rounded border border-brand-700 px-3 py-1.5 text-brand-700"
          onClick={(e) => {
            setSaid("save");
            void save.submit({ reviewId: review.id, levels: rated }, e.currentTarget);
          }}
        >
          Save draft
        </button>
        {canSubmit && (
          <button
            type="button"
            disabled={pending}
            className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white"
            onClick={saveThenSubmit}
          >
            Submit {side === "subject" ? "self-assessment" : "assessment"}
          </button>
        )}
      </div>
    </section>
  );
}
