"use client";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { closeCycleAction } from "../actions";

/** Closes the cycle; unfinished reviews stay open and are marked "unfinished at close". */
export function CloseCycleButton({ cycleId, unfinished }: { cycleId: string; unfinished: number }) {
  const form = useActionForm(closeCycleAction, {
    toInput: () => ({ cycleId }),
    successMessage: "Cycle closed.",
  });
  return (
    <form method="post" onSubmit={form.onSubmit} className="space-y-2">
      <p className="text-sm text-slate-700">
        {unfinished > 0
          ? `${unfinished} ${unfinished === 1 ? "review is" : "reviews are"} not finished. They stay open after closing and are marked as unfinished at close.`
          : "Every review is finished."}
      </p>
      <button
        disabled={form.pending}
        className="min-h-11 rounded border border-slate-400 bg-white px-4 py-2 font-medium disabled:opacity-60"
      >
        Close cycle
      </button>
      <FormMessage error={form.formError} success={form.success} />
    </form>
  );
}
