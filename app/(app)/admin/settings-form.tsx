"use client";
import { useState } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { setManagersCreateTeamsAction } from "./settings-actions";

/** Organisation settings: whether managers may create teams (they then manage the team they create). */
export function SettingsForm({ managersCreateTeams }: { managersCreateTeams: boolean }) {
  const [allowed, setAllowed] = useState(managersCreateTeams);
  const form = useActionForm(setManagersCreateTeamsAction, {
    fields: ["allowed"],
    successMessage: (d) =>
      d.allowed ? "Saved: managers may now create teams." : "Saved: only administrators create teams.",
  });
  return (
    <form
      method="post"
      aria-labelledby="settings-h"
      className="max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit({ allowed: String(allowed) }, e.currentTarget);
      }}
    >
      <h2 id="settings-h" className="text-xl font-semibold">
        Settings
      </h2>
      <label className="flex min-h-11 items-center gap-2">
        <input
          type="checkbox"
          className="h-5 w-5"
          checked={allowed}
          onChange={(e) => setAllowed(e.target.checked)}
          aria-describedby="allowed-help allowed-error"
          aria-invalid={Boolean(form.fieldErrors.allowed)}
        />
        <span className="font-medium">Managers may create teams</span>
      </label>
      <p id="allowed-help" className="text-sm text-slate-700">
        A manager of any team can then create a new team and manages it; only administrators appoint other managers.
      </p>
      <FieldError id="allowed-error" messages={form.fieldErrors.allowed} />
      <button
        disabled={form.pending}
        className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        {form.pending ? "Saving…" : "Save settings"}
      </button>
      <FormMessage error={form.formError} success={form.success} />
    </form>
  );
}
