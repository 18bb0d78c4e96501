"use client";
import { useId } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { endorseAction, setEndorsementHiddenAction, withdrawEndorsementAction } from "../actions";

const secondary =
  "min-h-11 rounded border border-slate-400 bg-white px-3 py-2 text-sm font-medium text-slate-900 hover:bg-slate-100 disabled:opacity-60";

/** A teammate's "I've seen this": an optional comment (at most 280 characters) and the Endorse button. */
export function EndorseForm({
  personId,
  skillId,
  skillName,
}: {
  personId: string;
  skillId: string;
  skillName: string;
}) {
  const uid = useId();
  const form = useActionForm(endorseAction, {
    fields: ["comment"],
    successMessage: "Endorsed.",
    toInput: (fd) => ({ personId, skillId, comment: fd.get("comment") }),
  });
  return (
    <details className="rounded border border-slate-200 p-2">
      <summary className="flex min-h-11 cursor-pointer items-center text-sm font-medium text-brand-700">
        Endorse this rating<span className="sr-only"> of {skillName}</span>
      </summary>
      <form method="post" onSubmit={form.onSubmit} className="mt-2 space-y-2">
        <label htmlFor={`${uid}-comment`} className="block text-sm font-medium">
          Comment <span className="font-normal text-slate-600">(optional, up to 280 characters)</span>
        </label>
        <input
          {...form.field("comment", `${uid}-comment`)}
          maxLength={280}
          placeholder="I've seen this"
          className="w-full rounded border border-slate-400 px-3 py-2"
        />
        <FieldError id={`${uid}-comment-error`} messages={form.fieldErrors.comment} />
        <FormMessage error={form.formError} success={form.success} />
        <button className={secondary} disabled={form.pending}>
          Send endorsement<span className="sr-only"> for {skillName}</span>
        </button>
      </form>
    </details>
  );
}

/** Takes back the viewer's own endorsement of this rating. */
export function WithdrawButton({
  personId,
  skillId,
  skillName,
}: {
  personId: string;
  skillId: string;
  skillName: string;
}) {
  const form = useActionForm(withdrawEndorsementAction, {
    toInput: () => ({ personId, skillId }),
    successMessage: "Endorsement withdrawn.",
  });
  return (
    <form method="post" onSubmit={form.onSubmit} className="space-y-1">
      <p className="text-sm text-slate-700">You endorsed this rating.</p>
      <button className={secondary} disabled={form.pending}>
        Withdraw my endorsement<span className="sr-only"> of {skillName}</span>
      </button>
      <FormMessage error={form.formError} success={form.success} />
    </form>
  );
}

/** The person endorsed hides an endorsement of their rating, or shows a hidden one again. */
export function HideToggle({ endorsementId, hidden, by }: { endorsementId: string; hidden: boolean; by: string }) {
  const form = useActionForm(setEndorsementHiddenAction, {
    toInput: () => ({ endorsementId, hidden: hidden ? "false" : "true" }),
  });
  return (
    <form method="post" onSubmit={form.onSubmit} className="inline">
      <button className={secondary} disabled={form.pending}>
        {hidden ? "Show again" : "Hide"}
        <span className="sr-only"> the endorsement by {by}</span>
      </button>
      <FormMessage error={form.formError} />
    </form>
  );
}
