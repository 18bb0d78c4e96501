"use client";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { setRolesAction } from "../actions";

type RoleOption = { id: string; title: string; track: string };

export function RolePicker({
  roles,
  currentRoleId,
  targetRoleId,
}: {
  roles: RoleOption[];
  currentRoleId: string | null;
  targetRoleId: string | null;
}) {
  const form = useActionForm(setRolesAction, {
    successMessage: "Roles saved.",
    fields: ["currentRoleId", "targetRoleId"],
    resetOnSuccess: false,
  });
  const sorted = [...roles].sort((a, b) => a.title.localeCompare(b.title));
  const select = "mt-1 min-h-11 w-full rounded border border-slate-400 bg-white px-3 py-2";
  return (
    <form
      method="post"
      onSubmit={form.onSubmit}
      className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-[1fr_1fr_auto] md:items-end"
      aria-label="My roles"
    >
      <div>
        <label htmlFor="currentRoleId" className="font-medium">
          Current role <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <select {...form.field("currentRoleId")} defaultValue={currentRoleId ?? ""} className={select}>
          <option value="">— none —</option>
          {sorted.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </select>
        <FieldError id="currentRoleId-error" messages={form.fieldErrors.currentRoleId} />
      </div>
      <div>
        <label htmlFor="targetRoleId" className="font-medium">
          Target role <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <select {...form.field("targetRoleId")} defaultValue={targetRoleId ?? ""} className={select}>
          <option value="">— none —</option>
          {sorted.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </select>
        <FieldError id="targetRoleId-error" messages={form.fieldErrors.targetRoleId} />
      </div>
      <div>
        <button
          disabled={form.pending}
          className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
        >
          Save roles
        </button>
      </div>
      <FormMessage error={form.formError} success={form.success} className="md:col-span-3" />
    </form>
  );
}
