"use client";
import { useActionForm } from "@/components/use-action-form";
import type { Requirement } from "@/lib/domain/types";
import { saveRequirementsAction } from "../../actions";
import { RowSelect, RowsForm, useEditableRows } from "./editable-rows";

type Row = { key: number; skill: string; level: string; importance: string };
type SkillGroup = { name: string; skills: { id: string; name: string }[] };

const IMPORTANCE_LABELS = { core: "Core", important: "Important", bonus: "Bonus" } as const;

/** A role's requirements as rows of skill, level and importance; rows are added and removed in place. */
export function RequirementsForm({
  revision,
  roleId,
  requirements,
  skillGroups,
  scale,
}: {
  revision: number;
  roleId: string;
  requirements: Requirement[];
  skillGroups: SkillGroup[];
  scale: { level: number; name: string }[];
}) {
  const list = useEditableRows<Row>(() =>
    requirements.map((q, key) => ({ key, skill: q.skill, level: String(q.level), importance: q.importance })),
  );
  const { rows } = list;
  const skillName = new Map(skillGroups.flatMap((g) => g.skills.map((s) => [s.id, s.name] as const)));
  const form = useActionForm(saveRequirementsAction, {
    fields: [
      "requirements",
      ...rows.flatMap((_, i) => ["skill", "level", "importance"].map((f) => `requirements.${i}.${f}`)),
    ],
    successMessage: "Requirements saved in the draft.",
  });
  const used = new Set(rows.map((r) => r.skill));
  const firstFree = skillGroups.flatMap((g) => g.skills).find((s) => !used.has(s.id))?.id ?? "";
  const about = (r: Row, i: number) => skillName.get(r.skill) ?? `requirement ${i + 1}`;
  const select = (r: Row, i: number, f: "skill" | "level" | "importance") => ({
    id: `rq-${r.key}-${f}`,
    name: `requirements.${i}.${f}`,
    value: r[f],
    onChange: (value: string) => list.set(r.key, { [f]: value }),
    field: form.field,
    errors: form.fieldErrors,
  });

  return (
    <RowsForm
      list={list}
      headingId="req-h"
      heading="Requirements"
      intro="Core requirements weigh three times a bonus one in a person's fit, important ones twice."
      fieldsetClass="grid min-w-0 gap-2 sm:grid-cols-[3fr_2fr_2fr]"
      legendClass="font-medium break-words"
      legend={(i) => <>Requirement {i + 1}</>}
      fields={(r, i) => (
        <>
          <RowSelect {...select(r, i, "skill")} label="Skill">
            {!skillName.has(r.skill) && <option value={r.skill}>{r.skill} (unknown)</option>}
            {skillGroups.map((g) => (
              <optgroup key={g.name} label={g.name}>
                {g.skills.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </RowSelect>
          <RowSelect
            {...select(r, i, "level")}
            label={
              <>
                Level <span className="sr-only">for {about(r, i)}</span>
              </>
            }
          >
            {scale.map((l) => (
              <option key={l.level} value={String(l.level)}>
                {l.level} · {l.name}
              </option>
            ))}
          </RowSelect>
          <RowSelect
            {...select(r, i, "importance")}
            label={
              <>
                Importance <span className="sr-only">of {about(r, i)}</span>
              </>
            }
          >
            {Object.entries(IMPORTANCE_LABELS).map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </RowSelect>
        </>
      )}
      removeClass="sm:col-span-3"
      removeLabel={(r, i) => (
        <>
          Remove <span className="sr-only">the requirement on </span>
          {about(r, i)}
        </>
      )}
      addLabel="Add a requirement"
      onAdd={() =>
        list.add(
          (key) => ({ key, skill: firstFree, level: "3", importance: "important" }),
          (key) => `rq-${key}-skill`,
        )
      }
      errorId="req-error"
      errors={form.fieldErrors.requirements}
      saveLabel="Save requirements"
      form={form}
      onSave={(origin) =>
        void form.submit(
          {
            revision,
            roleId,
            requirements: rows.map(({ skill, level, importance }) => ({ skill, level, importance })),
          },
          origin,
        )
      }
    />
  );
}
