"use client";
import { useActionForm } from "@/components/use-action-form";
import type { PathKind } from "@/lib/domain/types";
import { savePathsAction } from "../../actions";
import { RowSelect, RowsForm, useEditableRows } from "./editable-rows";

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
  const list = useEditableRows<Row>(() => paths.map((p, key) => ({ key, to: p.to, kind: p.kind })));
  const { rows } = list;
  const title = new Map(roles.map((r) => [r.id, r.title]));
  const form = useActionForm(savePathsAction, {
    fields: ["paths", ...rows.flatMap((_, i) => [`paths.${i}.to`, `paths.${i}.kind`])],
    successMessage: "Career paths saved in the draft.",
  });
  const used = new Set(rows.map((r) => r.to));

  return (
    <RowsForm
      list={list}
      headingId="paths-h"
      heading={<>Career paths from {roleTitle}</>}
      intro="Entry and progression paths must lead to a more senior role; a lateral move may go either way."
      empty={<p className="text-slate-700">No path leaves this role.</p>}
      fieldsetClass="grid min-w-0 gap-2 sm:grid-cols-2"
      legendClass="font-medium"
      legend={(i) => <>Path {i + 1}</>}
      fields={(r, i) => (
        <>
          <RowSelect
            id={`pa-${r.key}-to`}
            name={`paths.${i}.to`}
            label="Next role"
            value={r.to}
            onChange={(to) => list.set(r.key, { to })}
            field={form.field}
            errors={form.fieldErrors}
          >
            {!title.has(r.to) && <option value={r.to}>{r.to} (unknown)</option>}
            {roles.map((role) => (
              <option key={role.id} value={role.id}>
                {role.title} (seniority {role.seniority})
              </option>
            ))}
          </RowSelect>
          <RowSelect
            id={`pa-${r.key}-kind`}
            name={`paths.${i}.kind`}
            label={
              <>
                Kind of move <span className="sr-only">to {title.get(r.to) ?? r.to}</span>
              </>
            }
            value={r.kind}
            onChange={(kind) => list.set(r.key, { kind })}
            field={form.field}
            errors={form.fieldErrors}
          >
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </RowSelect>
        </>
      )}
      removeClass="sm:col-span-2"
      removeLabel={(r) => <>Remove the path to {title.get(r.to) ?? r.to}</>}
      addLabel="Add a path"
      addDisabled={roles.length === 0}
      onAdd={() =>
        list.add(
          (key) => ({ key, to: roles.find((x) => !used.has(x.id))?.id ?? roles[0]?.id ?? "", kind: "lateral" }),
          (key) => `pa-${key}-to`,
        )
      }
      errorId="paths-error"
      errors={form.fieldErrors.paths}
      saveLabel="Save career paths"
      form={form}
      onSave={(origin) =>
        void form.submit({ revision, roleId, paths: rows.map(({ to, kind }) => ({ to, kind })) }, origin)
      }
    />
  );
}
