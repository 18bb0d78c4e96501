"use client";
import { useRef, useState } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import type { PathKind } from "@/lib/domain/types";
import { savePathsAction } from "../../actions";
import { button, input, primary } from "../../styles";

type Row = { key: number; to: string; kind: string };

/** The career paths leaving a role: one row per next role, with the kind of move. */
export function PathsForm({
  revision,
  roleId,
  roleTitle,
  paths,
  roles,
  kinds,
}: {
  revision: number;
  roleId: string;
  roleTitle: string;
  paths: { to: string; kind: PathKind }[];
  roles: { id: string; title: string; seniority: number }[];
  kinds: { kind: PathKind; label: string }[];
}) {
  const nextKey = useRef(paths.length);
  const [rows, setRows] = useState<Row[]>(() => paths.map((p, key) => ({ key, to: p.to, kind: p.kind })));
  const addRef = useRef<HTMLButtonElement>(null);
  const title = new Map(roles.map((r) => [r.id, r.title]));
  const form = useActionForm(savePathsAction, {
    fields: ["paths", ...rows.flatMap((_, i) => [`paths.${i}.to`, `paths.${i}.kind`])],
    successMessage: "Career paths saved in the draft.",
  });
  const err = form.fieldErrors;
  const setRow = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const used = new Set(rows.map((r) => r.to));

  return (
    <form
      method="post"
      aria-labelledby="paths-h"
      className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-3 sm:p-4"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit({ revision, roleId, paths: rows.map(({ to, kind }) => ({ to, kind })) }, e.currentTarget);
      }}
    >
      <h2 id="paths-h" className="text-xl font-semibold">
        Career paths from {roleTitle}
      </h2>
      <p className="text-sm text-slate-700">
        Entry and progression paths must lead to a more senior role; a lateral move may go either way.
      </p>
      {rows.length === 0 && <p className="text-slate-700">No path leaves this role.</p>}
      <ol className="space-y-3">
        {rows.map((r, i) => (
          <li key={r.key} className="min-w-0 rounded border border-slate-200 p-3">
            <fieldset className="grid min-w-0 gap-2 sm:grid-cols-2">
              <legend className="font-medium">Path {i + 1}</legend>
              <div className="min-w-0">
                <label htmlFor={`pa-${r.key}-to`} className="block text-sm font-medium">
                  Next role
                </label>
                <select
                  {...form.field(`paths.${i}.to`, `pa-${r.key}-to`)}
                  value={r.to}
                  onChange={(e) => setRow(r.key, { to: e.target.value })}
                  className={input}
                >
                  {!title.has(r.to) && <option value={r.to}>{r.to} (unknown)</option>}
                  {roles.map((role) => (
                    <option key={role.id} value={role.id}>
                      {role.title} (seniority {role.seniority})
                    </option>
                  ))}
                </select>
                <FieldError id={`pa-${r.key}-to-error`} messages={err[`paths.${i}.to`]} />
              </div>
              <div className="min-w-0">
                <label htmlFor={`pa-${r.key}-kind`} className="block text-sm font-medium">
                  Kind of move <span className="sr-only">to {title.get(r.to) ?? r.to}</span>
                </label>
                <select
                  {...form.field(`paths.${i}.kind`, `pa-${r.key}-kind`)}
                  value={r.kind}
                  onChange={(e) => setRow(r.key, { kind: e.target.value })}
                  className={input}
                >
                  {kinds.map((k) => (
                    <option key={k.kind} value={k.kind}>
                      {k.label}
                    </option>
                  ))}
                </select>
                <FieldError id={`pa-${r.key}-kind-error`} messages={err[`paths.${i}.kind`]} />
              </div>
              <div className="sm:col-span-2">
                <button
                  type="button"
                  className={button}
                  onClick={() => {
                    setRows((rs) => rs.filter((x) => x.key !== r.key));
                    setTimeout(() => addRef.current?.focus(), 0);
                  }}
                >
                  Remove the path to {title.get(r.to) ?? r.to}
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <button
        ref={addRef}
        type="button"
        className={button}
        disabled={roles.length === 0}
        onClick={() => {
          const key = nextKey.current++;
          const to = roles.find((x) => !used.has(x.id))?.id ?? roles[0]?.id ?? "";
          setRows((rs) => [...rs, { key, to, kind: "lateral" }]);
          setTimeout(() => document.getElementById(`pa-${key}-to`)?.focus(), 0);
        }}
      >
        Add a path
      </button>
      <FieldError id="paths-error" messages={err.paths} />
      <div>
        <button className={primary} disabled={form.pending}>
          {form.pending ? "Saving…" : "Save career paths"}
        </button>
      </div>
      <FormMessage error={form.formError} success={form.success} />
    </form>
  );
}
