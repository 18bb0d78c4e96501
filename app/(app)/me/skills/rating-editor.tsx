"use client";
import { useMemo, useState } from "react";
import { FieldError } from "@/components/field-error";
import { useActionForm } from "@/components/use-action-form";
import { searchSkills } from "@/lib/taxonomy/search";
import type { Category, ScaleLevel, Skill, Taxonomy } from "@/lib/domain/types";
import { saveRatingsAction } from "../actions";

type SkillRow = Pick<Skill, "id" | "name" | "category" | "description" | "tools" | "aliases">;
type Rating = {
  skillId: string;
  level: number;
  note: string | null;
  evidenceUrl: string | null;
  wantsToGrow: boolean;
  source: string;
  updatedAt: string;
  stale: boolean;
};
type Draft = { level: number; note: string; evidenceUrl: string; wantsToGrow: boolean };

const toDraft = (r?: Rating): Draft => ({
  level: r?.level ?? 0,
  note: r?.note ?? "",
  evidenceUrl: r?.evidenceUrl ?? "",
  wantsToGrow: r?.wantsToGrow ?? false,
});
type Sent = { ratings: ({ skillId: string } & Draft)[] };
/** A skill row's own error messages, by field (level, note, evidenceUrl). */
type RowErrors = Partial<Record<string, string[]>>;
// Fields a skill row shows beside itself; anything else about a row is said in the summary.
const ROW_FIELDS = new Set(["level", "note", "evidenceUrl"]);

const same = (a: Draft, b: Draft) =>
  a.level === b.level && a.note === b.note && a.evidenceUrl === b.evidenceUrl && a.wantsToGrow === b.wantsToGrow;

export function RatingEditor({
  scale,
  categories,
  skills,
  ratings,
}: {
  scale: ScaleLevel[];
  categories: Pick<Category, "id" | "name">[];
  skills: SkillRow[];
  ratings: Rating[];
}) {
  const saved = useMemo(() => new Map(ratings.map((r) => [r.skillId, r])), [ratings]);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [query, setQuery] = useState("");
  const [onlyRated, setOnlyRated] = useState(false);
  const form = useActionForm(saveRatingsAction, {
    successMessage: (d, _sent: Sent) => `Saved ${d.changed} rating${d.changed === 1 ? "" : "s"} to your history.`,
    onSuccess: () => setDrafts({}),
  });

  const visible = useMemo(() => {
    const base = query.trim()
      ? (searchSkills({ skills, categories } as unknown as Taxonomy, query) as SkillRow[])
      : skills;
    return onlyRated ? base.filter((s) => saved.has(s.id)) : base;
  }, [query, skills, categories, onlyRated, saved]);

  const dirty = Object.entries(drafts).filter(([id, d]) => !same(d, toDraft(saved.get(id))));
  const draftOf = (id: string) => drafts[id] ?? toDraft(saved.get(id));
  const update = (id: string, patch: Partial<Draft>) =>
    setDrafts((prev) => ({ ...prev, [id]: { ...draftOf(id), ...patch } }));

  // Errors name rows of what was sent ("ratings.3.evidenceUrl"): map them back to the skill, whatever was edited since.
  const sent = form.state?.input.ratings ?? [];
  const name = new Map(skills.map((s) => [s.id, s.name]));
  const shownIds = new Set(visible.map((s) => s.id));
  const rowErrors: Record<string, RowErrors> = {};
  const summary: string[] = [];
  for (const [key, messages] of Object.entries(form.fieldErrors)) {
    const m = /^ratings\.(\d+)\.(\w+)$/.exec(key);
    const skillId = m ? sent[Number(m[1])]?.skillId : undefined;
    if (m && skillId && ROW_FIELDS.has(m[2]) && shownIds.has(skillId)) (rowErrors[skillId] ??= {})[m[2]] = messages;
    else summary.push(skillId ? `${name.get(skillId) ?? "A skill"}: ${messages[0]}` : messages[0]);
  }
  const refused = form.state && !form.state.result.ok ? form.state.result : null;
  // Problems shown beside their skill are not repeated here; the rest (a skill filtered out of view, a list-wide problem) are.
  const banner = !refused
    ? null
    : summary.length > 0
      ? "Nothing was saved. Please correct:"
      : Object.keys(form.fieldErrors).length === 0
        ? refused.message
        : null;

  function save(e: React.MouseEvent<HTMLButtonElement>) {
    if (dirty.length === 0) return;
    void form.submit({ ratings: dirty.map(([skillId, d]) => ({ skillId, ...d })) }, e.currentTarget);
  }

  return (
    <section aria-labelledby="rate-h" className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <div className="space-y-6">
        <div className="flex flex-wrap items-end gap-4">
          <h2 id="rate-h" className="text-xl font-semibold">
            Rate your skills
          </h2>
          <div className="flex-1">
            <label htmlFor="skill-search" className="block text-sm font-medium">
              Find a skill by name or tool
            </label>
            <input
              id="skill-search"
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              placeholder="e.g. terraform, kubernetes, ITIL"
              className="mt-1 w-full rounded border border-slate-400 px-3 py-2"
            />
          </div>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={onlyRated} onChange={(e) => setOnlyRated(e.target.checked)} /> Only rated
            skills
          </label>
        </div>
        <p className="text-sm text-slate-700" aria-live="polite">
          Showing {visible.length} of {skills.length} skills · {ratings.length} rated
        </p>
        {categories.map((c) => {
          const rows = visible.filter((s) => s.category === c.id);
          if (rows.length === 0) return null;
          return (
            <div key={c.id} className="space-y-3">
              <h3 className="text-lg font-semibold text-brand-900">{c.name}</h3>
              {rows.map((s) => (
                <SkillRating
                  key={s.id}
                  skill={s}
                  scale={scale}
                  draft={draftOf(s.id)}
                  saved={saved.get(s.id)}
                  errors={rowErrors[s.id]}
                  onChange={(p) => update(s.id, p)}
                />
              ))}
            </div>
          );
        })}
      </div>
      <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <p className="font-medium">
            {dirty.length === 0
              ? "No unsaved changes"
              : `${dirty.length} unsaved change${dirty.length === 1 ? "" : "s"}`}
          </p>
          <button
            type="button"
            onClick={save}
            disabled={form.pending || dirty.length === 0}
            className="mt-3 w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-50"
          >
            {form.pending ? "Saving…" : "Save changes"}
          </button>
          {banner ? (
            <div role="alert" className="mt-3 text-sm text-red-800">
              <p>{banner}</p>
              {summary.length > 0 && (
                <ul className="list-disc pl-5">
                  {summary.map((e, i) => (
                    <li key={i}>{e}</li>
                  ))}
                </ul>
              )}
            </div>
          ) : (
            form.success && (
              <p role="status" className="mt-3 text-sm text-green-800">
                {form.success}
              </p>
            )
          )}
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h3 className="font-semibold">The scale</h3>
          <dl className="mt-2 space-y-2">
            {scale.map((l) => (
              <div key={l.level}>
                <dt className="font-medium">
                  {l.level} · {l.name}
                </dt>
                <dd className="text-slate-700">{l.description}</dd>
              </div>
            ))}
          </dl>
        </div>
      </aside>
    </section>
  );
}

function SkillRating({
  skill,
  scale,
  draft,
  saved,
  errors = {},
  onChange,
}: {
  skill: SkillRow;
  scale: ScaleLevel[];
  draft: Draft;
  saved?: Rating;
  errors?: RowErrors;
  onChange: (p: Partial<Draft>) => void;
}) {
  const descriptor = scale.find((l) => l.level === draft.level);
  const changed = !same(draft, toDraft(saved));
  const id = `skill-${skill.id}`;
  return (
    <fieldset
      className={`rounded-lg border bg-white p-4 ${changed ? "border-brand-600" : "border-slate-200"}`}
      data-skill={skill.id}
    >
      <legend className="px-1 font-semibold">{skill.name}</legend>
      <p className="text-sm text-slate-700">{skill.description}</p>
      {skill.tools.length > 0 && <p className="text-xs text-slate-600">Tools: {skill.tools.join(", ")}</p>}
      <div
        role="radiogroup"
        tabIndex={errors.level ? -1 : undefined}
        aria-label={`${skill.name} level`}
        aria-invalid={Boolean(errors.level)}
        aria-describedby={`${id}-desc ${id}-level-error`}
        className="mt-3 flex flex-wrap gap-2"
      >
        {scale.map((l) => (
          <label
            key={l.level}
            className={`cursor-pointer rounded border px-3 py-1.5 text-sm has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${draft.level === l.level ? "border-brand-700 bg-brand-700 text-white" : "border-slate-400 bg-white text-slate-900"}`}
          >
            <input
              type="radio"
              className="sr-only"
              name={id}
              value={l.level}
              checked={draft.level === l.level}
              onChange={() => onChange({ level: l.level })}
              aria-label={`${l.level} ${l.name}: ${l.description}`}
            />
            {l.level} {l.name}
          </label>
        ))}
      </div>
      <p id={`${id}-desc`} className="mt-2 text-sm text-slate-800">
        <strong>{descriptor?.name}:</strong> {descriptor?.description}
      </p>
      <FieldError id={`${id}-level-error`} messages={errors.level} />
      <div className="mt-3 grid gap-3 md:grid-cols-[1fr_1fr_auto] md:items-end">
        <div>
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
            className="mt-1 w-full rounded border border-slate-400 px-2 py-1 text-sm"
          />
          <FieldError id={`${id}-note-error`} messages={errors.note} />
        </div>
        <div>
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
            className="mt-1 w-full rounded border border-slate-400 px-2 py-1 text-sm"
          />
          <FieldError id={`${id}-link-error`} messages={errors.evidenceUrl} />
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={draft.wantsToGrow}
            onChange={(e) => onChange({ wantsToGrow: e.target.checked })}
          />{" "}
          I want to grow this
        </label>
      </div>
      <p className="mt-2 text-xs text-slate-600">
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
      </p>
    </fieldset>
  );
}
