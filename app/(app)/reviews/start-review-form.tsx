"use client";
import { useRouter } from "next/navigation";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { startReviewAction } from "./actions";

type Input = {
  teamId: string;
  subjectId: string;
  period: FormDataEntryValue | null;
  dueDate: FormDataEntryValue | null;
};

/** The person select carries "teamId:userId"; both halves are refused by the action under "person". */
const toInput = (fd: FormData): Input => {
  const [teamId = "", subjectId = ""] = String(fd.get("person") ?? "").split(":");
  return { teamId, subjectId, period: fd.get("period"), dueDate: fd.get("dueDate") };
};

export function StartReviewForm({
  people,
  defaultPeriod,
  defaultDue,
}: {
  people: { userId: string; teamId: string; label: string }[];
  defaultPeriod: string;
  defaultDue: string;
}) {
  const router = useRouter();
  const form = useActionForm(startReviewAction, {
    toInput,
    fields: ["teamId", "subjectId", "period", "dueDate"],
    resetOnSuccess: false,
    onSuccess: (r) => router.push(`/reviews/${r.id}`),
  });
  const input = "min-h-11 w-full max-w-full rounded border border-slate-400 px-2 py-1";
  const personInvalid = Boolean(form.fieldErrors.teamId || form.fieldErrors.subjectId);
  return (
    <form
      method="post"
      className="grid gap-3 rounded border border-slate-200 bg-white p-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end sm:p-4"
      onSubmit={form.onSubmit}
    >
      <div className="min-w-0">
        <label htmlFor="rv-person" className="block text-sm font-medium">
          Person
        </label>
        <select
          id="rv-person"
          name="person"
          className={input}
          aria-invalid={personInvalid}
          aria-describedby="rv-person-error"
        >
          {people.map((p) => (
            <option key={`${p.teamId}:${p.userId}`} value={`${p.teamId}:${p.userId}`}>
              {p.label}
            </option>
          ))}
        </select>
        <FieldError id="rv-person-error" messages={form.fieldErrors.subjectId ?? form.fieldErrors.teamId} />
      </div>
      <div className="min-w-0">
        <label htmlFor="rv-period" className="block text-sm font-medium">
          Period
        </label>
        <input {...form.field("period", "rv-period")} defaultValue={defaultPeriod} className={input} />
        <FieldError id="rv-period-error" messages={form.fieldErrors.period} />
      </div>
      <div className="min-w-0">
        <label htmlFor="rv-due" className="block text-sm font-medium">
          Due date
        </label>
        <input {...form.field("dueDate", "rv-due")} type="date" defaultValue={defaultDue} className={input} />
        <FieldError id="rv-due-error" messages={form.fieldErrors.dueDate} />
      </div>
      <button
        disabled={form.pending}
        className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        Start review
      </button>
      <FormMessage error={form.formError} className="sm:col-span-4" />
    </form>
  );
}
