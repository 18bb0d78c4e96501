"use client";
import { useRef, useState } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import type { Requirement } from "@/lib/domain/types";
import { saveRequirementsAction } from "../../actions";
import { button, input, primary } from "../../styles";

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
  const nextKey = useRef(requirements.length);
  const [rows, setRows] = useState<Row[]>(() =>
    requirements.map((q, key) => ({ key, skill: q.skill, level: String(q.level), importance: q.importance })),
  );
  const addRef = useRef<HTMLButtonElement>(null);
  const skillName = new Map(skillGroups.flatMap((g) => g.skills.map((s) => [s.id, s.name] as const)));
  const form = useActionForm(saveRequirementsAction, {
    fields: [
      "requirements",
      ...rows.flatMap((_, i) => ["skill", "level", "importance"].map((f) => `requirements.${i}.${f}`)),
    ],
    successMessage: "Requirements saved in the draft.",
  });
  const err = form.fieldErrors;
  const setRow = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const used = new Set(rows.map((r) => r.skill));
  const firstFree = skillGroups.flatMap((g) => g.skills).find((s) => !used.has(s.id))?.id ?? "";

  return (
    <form
      method="post"
      aria-labelledby="req-h"
      className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-3 sm:p-4"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(
          {
            revision,
            roleId,
            requirements: rows.map(({ skill, level, importance }) => ({ skill, level, importance })),
          },
          e.currentTarget,
        );
      }}
    >
      <h2 id="req-h" className="text-xl font-semibold">
        Requirements
      </h2>
      <p className="text-sm text-slate-700">
        Core requirements weigh three times a bonus one in a person&apos;s fit, important ones twice.
      </p>
      <ol className="space-y-3">
        {rows.map((r, i) => {
          const about = skillName.get(r.skill) ?? `requirement ${i + 1}`;
          return (
            <li key={r.key} className="min-w-0 rounded border border-slate-200 p-3">
              <fieldset className="grid min-w-0 gap-2 sm:grid-cols-[3fr_2fr_2fr]">
                <legend className="font-medium break-words">Requirement {i + 1}</legend>
                <div className="min-w-0">
                  <label htmlFor={`rq-${r.key}-skill`} className="block text-sm font-medium">
                    Skill
                  </label>
                  <select
                    {...form.field(`requirements.${i}.skill`, `rq-${r.key}-skill`)}
                    value={r.skill}
                    onChange={(e) => setRow(r.key, { skill: e.target.value })}
                    className={input}
                  >
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
                  </select>
                  <FieldError id={`rq-${r.key}-skill-error`} messages={err[`requirements.${i}.skill`]} />
                </div>
                <div className="min-w-0">
                  <label htmlFor={`rq-${r.key}-level`} className="block text-sm font-medium">
                    Level <span className="sr-only">for {about}</span>
                  </label>
                  <select
                    {...form.field(`requirements.${i}.level`, `rq-${r.key}-level`)}
                    value={r.level}
                    onChange={(e) => setRow(r.key, { level: e.target.value })}
                    className={input}
                  >
                    {scale.map((l) => (
                      <option key={l.level} value={String(l.level)}>
                        {l.level} · {l.name}
                      </option>
                    ))}
                  </select>
                  <FieldError id={`rq-${r.key}-level-error`} messages={err[`requirements.${i}.level`]} />
                </div>
                <div className="min-w-0">
                  <label htmlFor={`rq-${r.key}-importance`} className="block text-sm font-medium">
                    Importance <span className="sr-only">of {about}</span>
                  </label>
                  <select
                    {...form.field(`requirements.${i}.importance`, `rq-${r.key}-importance`)}
                    value={r.importance}
                    onChange={(e) => setRow(r.key, { importance: e.target.value })}
                    className={input}
                  >
                    {Object.entries(IMPORTANCE_LABELS).map(([value, text]) => (
                      <option key={value} value={value}>
                        {text}
                      </option>
                    ))}
                  </select>
                  <FieldError id={`rq-${r.key}-importance-error`} messages={err[`requirements.${i}.importance`]} />
                </div>
                <div className="sm:col-span-3">
                  <button
                    type="button"
                    className={button}
                    onClick={() => {
                      setRows((rs) => rs.filter((x) => x.key !== r.key));
                      setTimeout(() => addRef.current?.focus(), 0);
                    }}
                  >
                    Remove <span className="sr-only">the requirement on </span>
                    {skillName.get(r.skill) ?? `requirement ${i + 1}`}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button
        ref={addRef}
        type="button"
        className={button}
        onClick={() => {
          const key = nextKey.current++;
          setRows((rs) => [...rs, { key, skill: firstFree, level: "3", importance: "important" }]);
          setTimeout(() => document.getElementById(`rq-${key}-skill`)?.focus(), 0);
        }}
      >
        Add a requirement
      </button>
      <FieldError id="req-error" messages={err.requirements} />
      <div>
        <button className={primary} disabled={form.pending}>
          {form.pending ? "Saving…" : "Save requirements"}
        </button>
      </div>
      <FormMessage error={form.formError} success={form.success} />
    </form>
  );
}
