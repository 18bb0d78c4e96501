"use client";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { transitionAction } from "../actions";
import { primaryButton, reviewInput, type ReviewFormProps } from "./review-types";

/** The subject acknowledges a completed review, with an optional comment. */
export function AcknowledgementForm({ review, version, announce }: Omit<ReviewFormProps, "scale">) {
  const form = useActionForm(version.versioned(transitionAction), {
    fields: ["comment"],
    onSuccess: () => announce("Review acknowledged."),
    onError: () => announce(null),
    toInput: (fd) => ({ reviewId: review.id, event: "acknowledge", comment: fd.get("comment") }),
  });
  return (
    <form method="post" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" onSubmit={form.onSubmit}>
      <h2 className="text-xl font-semibold">Acknowledge</h2>
      <label htmlFor="ack" className="block">
        Comment <span className="text-slate-600">(optional)</span>
      </label>
      <textarea {...form.field("comment", "ack")} rows={2} className={`${reviewInput} w-full`} />
      <FieldError id="ack-error" messages={form.fieldErrors.comment} />
      <FormMessage error={form.formError} />
      <button disabled={form.pending} className={primaryButton}>
        Acknowledge review
      </button>
    </form>
  );
}
