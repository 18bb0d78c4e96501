"use client";
import { FieldError } from "@/components/field-error";
import { LevelPicker } from "@/components/level-picker";
import { levelDescriptor } from "@/lib/domain/level-descriptors";
import type { ScaleLevel, Skill } from "@/lib/domain/types";
import { plural, sameDraft, toDraft, type Draft, type Rating } from "./drafts";

export type SkillRow = Pick<Skill, "id" | "name" | "category" | "description" | "tools" | "aliases" | "levels">;
/** A skill row's own error messages, by field (level, note, evidenceUrl). */
export type RowErrors = Partial<Record<string, string[]>>;

const input = "mt-1 min-h-11 w-full rounded border border-slate-400 bg-white px-3 py-2 text-sm";

/** One skill: its description, the level chips with the chosen level's descriptor, evidence and the "grow" flag. */
export function SkillRating({
  skill,
  scale,
  draft,
  saved,
  errors = {},
  need,
  unsaved,
  offerSave,
  onChange,
  onSave,
  certifications = [],
}: {
  /** The person's certifications, to cite one as evidence. */
  certifications?: { id: string; name: string }[];
  skill: SkillRow;
  scale: ScaleLevel[];
  draft: Draft;
  saved?: Rating;
  errors?: RowErrors;
  /** What the target role asks for this skill ("Platform Engineer needs 3"), when it does. */
  need?: { role: string; level: number };
  /** All unsaved ratings on the page, for the row's own save button. */
  unsaved: number;
  /** Show a save button at the end of this row (the one last edited), a few Tab presses from its level chips. */
  offerSave: boolean;
  onChange: (p: Partial<Draft>) => void;
  onSave: (origin: HTMLElement) => void;
}) {
  // The skill's own descriptor for the chosen level; the generic scale's where the skill has none (and for 0).
  const descriptor = draft.level === null ? null : levelDescriptor(skill, scale, draft.level);
  const changed = !sameDraft(draft, toDraft(saved));
  const id = `skill-${skill.id}`;
  // The message names the skill as well as the field, so it reads on its own when announced.
  const say = (messages?: string[]) => messages?.map((m) => `${skill.name}: ${m}`);
  return (
    <fieldset
      className={`min-w-0 rounded-lg border bg-white p-4 lg:[&_input]:scroll-mb-0 [&_input]:scroll-mb-32 ${changed ? "border-brand-600" : "border-slate-200"}`}
      data-skill={skill.id}
    >
      <legend className="px-1 font-semibold break-words">{skill.name}</legend>
      {need && (
        <p className="mb-1 text-sm font-medium text-brand-900">
          {need.role} needs {need.level}
          {saved && saved.level >= need.level ? " · you meet it" : ""}
        </p>
      )}
      <p className="text-sm text-slate-700">{skill.description}</p>
      {skill.tools.length > 0 && <p className="text-xs break-words text-slate-600">Tools: {skill.tools.join(", ")}</p>}
      <div className="mt-3">
        <LevelPicker
          name={id}
          label={`${skill.name} level`}
          scale={scale}
          value={draft.level}
          onChange={(level) => onChange({ level })}
          invalid={Boolean(errors.level)}
          describedBy={`${id}-desc ${id}-level-error`}
        />
      </div>
      <p id={`${id}-desc`} className="mt-2 text-sm text-slate-800">
        {descriptor ? (
          <>
            <strong>
              Level {descriptor.level} · {descriptor.name}
            </strong>
            {descriptor.text && <> — {descriptor.text}</>}
          </>
        ) : (
          "No level chosen. Pick the one that fits; each level's description appears here."
        )}
      </p>
      <FieldError id={`${id}-level-error`} messages={say(errors.level)} />
      <div className="mt-3 grid gap-3 md:grid-cols-[1fr_1fr_auto] md:items-start">
        <div className="min-w-0">
          <label htmlFor={`${id}-note`} className="block text-sm font-medium">
            Evidence note
          </label>
          <input
            id={`${id}-note`}
            aria-invalid={Boolean(errors.note)}
            aria-describedby={`${id}-note-error`}
            value={draft.note}
            maxLength={1000}
            onChange={(e) => onChange({ note: e.target.value })}
            className={input}
          />
          <FieldError id={`${id}-note-error`} messages={say(errors.note)} />
        </div>
        <div className="min-w-0">
          <label htmlFor={`${id}-link`} className="block text-sm font-medium">
            Evidence link
          </label>
          <input
            id={`${id}-link`}
            type="url"
            aria-invalid={Boolean(errors.evidenceUrl)}
            aria-describedby={`${id}-link-error`}
            value={draft.evidenceUrl}
            maxLength={500}
            placeholder="https://…"
            onChange={(e) => onChange({ evidenceUrl: e.target.value })}
            className={input}
          />
          <FieldError id={`${id}-link-error`} messages={say(errors.evidenceUrl)} />
        </div>
        {certifications.length > 0 && (
          <div className="min-w-0 md:col-span-2">
            <label htmlFor={`${id}-cert`} className="block text-sm font-medium">
              Evidence certification
            </label>
            <select
              id={`${id}-cert`}
              aria-invalid={Boolean(errors.certificationId)}
              aria-describedby={`${id}-cert-error`}
              value={draft.certificationId}
              onChange={(e) => onChange({ certificationId: e.target.value })}
              className={input}
            >
              <option value="">None</option>
              {certifications.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <FieldError id={`${id}-cert-error`} messages={say(errors.certificationId)} />
          </div>
        )}
        <label className="flex min-h-11 items-center gap-2 text-sm md:mt-6">
          <input
            type="checkbox"
            className="h-5 w-5"
            checked={draft.wantsToGrow}
            onChange={(e) => onChange({ wantsToGrow: e.target.checked })}
          />
          I want to grow this
        </label>
      </div>
      <div className="mt-2 flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-slate-600">
          {saved ? (
            <>
              Last changed {saved.updatedAt.slice(0, 10)}
              {saved.source === "manager"
                ? " · confirmed by your manager"
                : saved.source === "import"
                  ? " · imported"
                  : ""}
              {saved.stale && (
                <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900">
                  stale: older than 6 months
                </span>
              )}
            </>
          ) : (
            "Not rated yet"
          )}
          {changed && <span className="font-medium text-brand-900"> · unsaved</span>}
        </p>
        {offerSave && changed && (
          <button
            type="button"
            onClick={(e) => onSave(e.currentTarget)}
            className="min-h-11 rounded border border-brand-700 px-3 text-sm font-medium text-brand-700 hover:bg-brand-50"
          >
            Save {plural(unsaved, "unsaved rating")}
          </button>
        )}
      </div>
    </fieldset>
  );
}
