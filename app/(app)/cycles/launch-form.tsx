"use client";
import Link from "next/link";
import { useState } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { launchCycleAction } from "./actions";

type Input = {
  name: FormDataEntryValue | null;
  periodStart: FormDataEntryValue | null;
  periodEnd: FormDataEntryValue | null;
  selfDeadline: FormDataEntryValue | null;
  managerDeadline: FormDataEntryValue | null;
  allTeams: "true" | "false";
  teamIds: FormDataEntryValue[];
};

const toInput = (fd: FormData): Input => ({
  name: fd.get("name"),
  periodStart: fd.get("periodStart"),
  periodEnd: fd.get("periodEnd"),
  selfDeadline: fd.get("selfDeadline"),
  managerDeadline: fd.get("managerDeadline"),
  allTeams: fd.get("allTeams") === "true" ? "true" : "false",
  teamIds: fd.getAll("teamIds"),
});

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function LaunchForm({
  teams,
  canChooseAll,
  defaults,
}: {
  teams: { id: string; name: string }[];
  canChooseAll: boolean;
  defaults: { periodStart: string; periodEnd: string; selfDeadline: string; managerDeadline: string };
}) {
  const [everyTeam, setEveryTeam] = useState(false);
  const form = useActionForm(launchCycleAction, {
    toInput,
    fields: ["name", "periodStart", "periodEnd", "selfDeadline", "managerDeadline", "allTeams", "teamIds"],
    successMessage: (r) => `Launched: ${plural(r.created, "review", "reviews")} created, ${r.skipped.length} skipped.`,
    onSuccess: () => setEveryTeam(false),
  });
  const input = "min-h-11 w-full max-w-full rounded border border-slate-400 px-2 py-1";
  const label = "block text-sm font-medium";
  const result = form.state?.result;
  const skipped = result?.ok ? result.data.skipped : [];
  const teamsInvalid = Boolean(form.fieldErrors.teamIds || form.fieldErrors.allTeams);
  const date = (name: keyof typeof defaults, text: string) => (
    <div className="min-w-0">
      <label htmlFor={`cy-${name}`} className={label}>
        {text}
      </label>
      <input {...form.field(name, `cy-${name}`)} type="date" defaultValue={defaults[name]} required className={input} />
      <FieldError id={`cy-${name}-error`} messages={form.fieldErrors[name]} />
    </div>
  );
  return (
    <form
      method="post"
      className="grid gap-3 rounded border border-slate-200 bg-white p-3 sm:grid-cols-2 sm:p-4"
      onSubmit={form.onSubmit}
      data-testid="launch-form"
    >
      <div className="min-w-0 sm:col-span-2">
        <label htmlFor="cy-name" className={label}>
          Name
        </label>
        <input {...form.field("name", "cy-name")} maxLength={100} required placeholder="2027 H1" className={input} />
        <FieldError id="cy-name-error" messages={form.fieldErrors.name} />
      </div>
      {date("periodStart", "Period start")}
      {date("periodEnd", "Period end")}
      {date("selfDeadline", "Self-assessment deadline")}
      {date("managerDeadline", "Manager deadline")}
      <fieldset className="min-w-0 sm:col-span-2" aria-describedby="cy-teams-error">
        <legend className={label}>Teams</legend>
        <ul className="mt-1 grid gap-1 sm:grid-cols-2">
          {canChooseAll && (
            <li>
              <label className="flex min-h-11 items-center gap-2">
                <input
                  type="checkbox"
                  name="allTeams"
                  value="true"
                  className="size-5"
                  checked={everyTeam}
                  onChange={(e) => setEveryTeam(e.target.checked)}
                  aria-invalid={Boolean(form.fieldErrors.allTeams)}
                />
                <span className="font-medium">Every team</span>
              </label>
            </li>
          )}
          {teams.map((t) => (
            <li key={t.id} className="min-w-0">
              <label className="flex min-h-11 items-center gap-2 break-words">
                <input
                  type="checkbox"
                  name="teamIds"
                  value={t.id}
                  className="size-5 shrink-0"
                  disabled={everyTeam}
                  aria-invalid={teamsInvalid}
                />
                <span className="min-w-0">{t.name}</span>
              </label>
            </li>
          ))}
        </ul>
        <FieldError id="cy-teams-error" messages={form.fieldErrors.teamIds ?? form.fieldErrors.allTeams} />
      </fieldset>
      <div className="sm:col-span-2">
        <button
          disabled={form.pending}
          className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60"
        >
          {form.pending ? "Launching…" : "Launch cycle"}
        </button>
      </div>
      <div className="sm:col-span-2">
        <FormMessage error={form.formError} success={form.success} />
        {result?.ok && (
          <Link
            href={`/cycles/${result.data.cycleId}`}
            className="inline-flex min-h-11 items-center font-medium text-brand-700 underline"
          >
            Open the cycle&apos;s dashboard
          </Link>
        )}
        {skipped.length > 0 && (
          <>
            <p className="mt-2 text-sm font-medium">Skipped:</p>
            <ul className="list-disc pl-5 text-sm break-words" data-testid="launch-skipped">
              {skipped.map((s, i) => (
                <li key={i}>
                  {s.name} ({s.teamName}): {s.reason}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </form>
  );
}
