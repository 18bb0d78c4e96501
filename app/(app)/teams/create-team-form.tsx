"use client";
import { useRouter } from "next/navigation";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { createTeamAction } from "./actions";

/** `appointsManager`: administrators may name the new team's manager; a manager who creates a team manages it. */
export function CreateTeamForm({ appointsManager = true }: { appointsManager?: boolean }) {
  const router = useRouter();
  const form = useActionForm(createTeamAction, {
    fields: ["name", "description", "managerEmail"],
    onSuccess: (team) => router.push(`/teams/${team.id}`),
  });
  const input = "mt-1 min-h-11 w-full rounded border border-slate-400 px-3 py-2";
  return (
    <form
      method="post"
      onSubmit={form.onSubmit}
      className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-labelledby="new-team-h"
    >
      <h2 id="new-team-h" className="text-xl font-semibold">
        Create a team
      </h2>
      <div>
        <label htmlFor="team-name" className="font-medium">
          Team name
        </label>
        <input {...form.field("name", "team-name")} className={input} />
        <FieldError id="team-name-error" messages={form.fieldErrors.name} />
      </div>
      <div>
        <label htmlFor="team-description" className="font-medium">
          Description <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <input {...form.field("description", "team-description")} className={input} />
        <FieldError id="team-description-error" messages={form.fieldErrors.description} />
      </div>
      {appointsManager ? (
        <div>
          <label htmlFor="team-manager" className="font-medium">
            Manager&apos;s email <span className="font-normal text-slate-600">(optional; invited if new)</span>
          </label>
          <input {...form.field("managerEmail", "team-manager")} type="email" className={input} />
          <FieldError id="team-manager-error" messages={form.fieldErrors.managerEmail} />
        </div>
      ) : (
        <p className="text-sm text-slate-700">You will manage the new team; invite its members from its page.</p>
      )}
      <FormMessage error={form.formError} />
      <button
        disabled={form.pending}
        className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        Create team
      </button>
    </form>
  );
}
