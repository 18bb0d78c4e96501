import { FieldError } from "@/components/field-error";
import type { FieldErrors } from "@/lib/data/errors";
import type { ScaleLevel } from "@/lib/domain/types";
import { MAX_ROWS, type FinderRow } from "./finder-query";

type Props = {
  rows: FinderRow[];
  certificationId: string;
  errors: FieldErrors;
  categories: { id: string; name: string; skills: { id: string; name: string }[] }[];
  scale: ScaleLevel[];
  certifications: { id: string; label: string }[];
};

const control = "mt-1 min-h-11 w-full max-w-full rounded border border-slate-400 bg-white px-2 py-1";
const secondary =
  "min-h-11 rounded border border-slate-400 bg-white px-3 py-2 font-medium text-slate-900 hover:bg-slate-100";

/**
 * The finder's form: a plain GET form, so it works by keyboard and without JavaScript. "Add a skill" and "Remove"
 * are submit buttons that send `add` or `remove`; the page adds or drops the row and searches with the rest.
 */
export function FinderForm({ rows, certificationId, errors, categories, scale, certifications }: Props) {
  const rowsError = errors.rows;
  return (
    <form
      method="get"
      action="/people"
      aria-label="Find people"
      className="space-y-4 rounded border border-slate-200 bg-white p-4"
    >
      <div className="space-y-3">
        {rows.map((row, i) => {
          const skillErr = errors[`row.${i}.skill`];
          const levelErr = errors[`row.${i}.level`];
          return (
            <fieldset
              key={i}
              className="grid gap-3 rounded border border-slate-200 p-3 sm:grid-cols-[1fr_auto_auto] sm:items-start"
            >
              <legend className="px-1 text-sm font-semibold">Skill {i + 1}</legend>
              <div className="min-w-0">
                <label htmlFor={`f-skill-${i}`} className="block text-sm font-medium">
                  Skill
                </label>
                <select
                  id={`f-skill-${i}`}
                  name="skill"
                  defaultValue={row.skill}
                  aria-invalid={Boolean(skillErr)}
                  aria-describedby={`f-skill-${i}-error`}
                  className={control}
                >
                  <option value="">Choose a skill</option>
                  {categories.map((c) => (
                    <optgroup key={c.id} label={c.name}>
                      {c.skills.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
                <FieldError id={`f-skill-${i}-error`} messages={skillErr} />
              </div>
              <div>
                <label htmlFor={`f-level-${i}`} className="block text-sm font-medium">
                  Minimum level
                </label>
                <select
                  id={`f-level-${i}`}
                  name="level"
                  defaultValue={row.level || "3"}
                  aria-invalid={Boolean(levelErr)}
                  aria-describedby={`f-level-${i}-error`}
                  className={control}
                >
                  {scale.map((l) => (
                    <option key={l.level} value={l.level}>
                      {l.level} {l.name} or higher
                    </option>
                  ))}
                </select>
                <FieldError id={`f-level-${i}-error`} messages={levelErr} />
              </div>
              {rows.length > 1 && (
                <button name="remove" value={i} className={`${secondary} sm:mt-6`}>
                  Remove<span className="sr-only"> skill {i + 1}</span>
                </button>
              )}
            </fieldset>
          );
        })}
        <FieldError id="rows-error" messages={rowsError} />
        {rows.length < MAX_ROWS && (
          <button name="add" value="1" className={secondary}>
            Add a skill
          </button>
        )}
      </div>
      <div className="max-w-xl">
        <label htmlFor="f-cert" className="block text-sm font-medium">
          Certification <span className="font-normal text-slate-600">(optional: holds a current one)</span>
        </label>
        <select
          id="f-cert"
          name="cert"
          defaultValue={certificationId}
          aria-invalid={Boolean(errors.cert)}
          aria-describedby="f-cert-error"
          className={control}
        >
          <option value="">Any or none</option>
          {certifications.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <FieldError id="f-cert-error" messages={errors.cert} />
      </div>
      <button className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
        Find people
      </button>
    </form>
  );
}
