"use client";
import { useState } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { plural } from "@/lib/domain/plural";
import { setOrgTargetAction } from "./actions";

type Props = { roles: { id: string; title: string }[]; mix: { roleId: string; count: number }[] };

/**
 * The organisation's target mix (admins): how many people each role needs. The counts stay as typed after a refused
 * save (they are this component's state), and a save with every count at 0 goes back to people's current roles.
 */
export function TargetMixForm({ roles, mix }: Props) {
  const saved = new Map(mix.map((m) => [m.roleId, m.count]));
  const [counts, setCounts] = useState<string[]>(() => roles.map((r) => String(saved.get(r.id) ?? 0)));
  const form = useActionForm(setOrgTargetAction, {
    fields: ["roles", ...roles.flatMap((_, i) => [`roles.${i}.count`, `roles.${i}.roleId`])],
    successMessage: (d) =>
      d.roles === 0
        ? "Saved: the report now uses people's current roles."
        : `Saved: ${plural(d.roles, "role", "roles")}, ${plural(d.people, "person", "people")} in the target mix.`,
  });
  const send = (values: string[], origin: Element | null) =>
    void form.submit({ roles: roles.map((r, i) => ({ roleId: r.id, count: values[i]!.trim() })) }, origin);
  return (
    <form
      method="post"
      aria-labelledby="mix-h"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        send(counts, e.currentTarget);
      }}
    >
      <h3 id="mix-h" className="font-semibold">
        Organisation target mix
      </h3>
      <p className="text-sm text-slate-700">
        How many people the organisation needs in each role. The whole-organisation report measures coverage against
        what these roles require. Leave every count at 0 to use people&apos;s current roles instead.
      </p>
      <FieldError id="mix-roles-error" messages={form.fieldErrors.roles} />
      <div className="grid gap-x-4 gap-y-2 sm:grid-cols-2">
        {roles.map((r, i) => {
          const key = `roles.${i}.count`;
          const problem = form.fieldErrors[key] ?? form.fieldErrors[`roles.${i}.roleId`];
          return (
            <div key={r.id} className="min-w-0">
              <label htmlFor={`mix-${r.id}`} className="block text-sm font-medium">
                {r.title}
              </label>
              <input
                id={`mix-${r.id}`}
                inputMode="numeric"
                value={counts[i]}
                onChange={(e) => setCounts(counts.map((c, j) => (j === i ? e.target.value : c)))}
                aria-invalid={Boolean(problem)}
                aria-describedby={`mix-${r.id}-error`}
                className="mt-1 min-h-11 w-28 max-w-full rounded border border-slate-400 bg-white px-2 py-1"
              />
              <FieldError id={`mix-${r.id}-error`} messages={problem} />
            </div>
          );
        })}
      </div>
      <div className="flex flex-wrap gap-3">
        <button
          type="submit"
          disabled={form.pending}
          className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
        >
          {form.pending ? "Saving…" : "Save target mix"}
        </button>
        <button
          type="button"
          disabled={form.pending}
          onClick={(e) => {
            const zeros = roles.map(() => "0");
            setCounts(zeros);
            send(zeros, e.currentTarget);
          }}
          className="min-h-11 rounded border border-slate-400 bg-white px-4 py-2 font-medium disabled:opacity-60"
        >
          Use people&apos;s current roles
        </button>
      </div>
      <FormMessage error={form.formError} success={form.success} />
    </form>
  );
}
