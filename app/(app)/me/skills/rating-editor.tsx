"use client";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { searchSkills } from "@/lib/taxonomy/search";
import type { Category, ScaleLevel, Skill, Taxonomy } from "@/lib/domain/types";
import { saveRatingsAction } from "../actions";

type SkillRow = Pick<Skill, "id" | "name" | "category" | "description" | "tools" | "aliases">;
type Rating = { skillId: string; level: number; note: string | null; evidenceUrl: string | null; wantsToGrow: boolean; source: string; updatedAt: string; stale: boolean };
type Draft = { level: number; note: string; evidenceUrl: string; wantsToGrow: boolean };

const toDraft = (r?: Rating): Draft => ({ level: r?.level ?? 0, note: r?.note ?? "", evidenceUrl: r?.evidenceUrl ?? "", wantsToGrow: r?.wantsToGrow ?? false });
const same = (a: Draft, b: Draft) => a.level === b.level && a.note === b.note && a.evidenceUrl === b.evidenceUrl && a.wantsToGrow === b.wantsToGrow;

export function RatingEditor({ scale, categories, skills, ratings }: { scale: ScaleLevel[]; categories: Pick<Category, "id" | "name">[]; skills: SkillRow[]; ratings: Rating[] }) {
  const router = useRouter();
  const saved = useMemo(() => new Map(ratings.map((r) => [r.skillId, r])), [ratings]);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [query, setQuery] = useState("");
  const [onlyRated, setOnlyRated] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string; errors?: string[] } | null>(null);
  const [pending, setPending] = useState(false);

  const visible = useMemo(() => {
    const base = query.trim()
      ? searchSkills({ skills, categories } as unknown as Taxonomy, query) as SkillRow[]
      : skills;
    return onlyRated ? base.filter((s) => saved.has(s.id)) : base;
  }, [query, skills, categories, onlyRated, saved]);

  const dirty = Object.entries(drafts).filter(([id, d]) => !same(d, toDraft(saved.get(id))));
  const draftOf = (id: string) => drafts[id] ?? toDraft(saved.get(id));
  const update = (id: string, patch: Partial<Draft>) => setDrafts((prev) => ({ ...prev, [id]: { ...draftOf(id), ...patch } }));

  async function save() {
    if (dirty.length === 0) return;
    setPending(true);
    const res = await saveRatingsAction({ ratings: dirty.map(([skillId, d]) => ({ skillId, ...d })) });
    setPending(false);
    if (res.ok) {
      setStatus({ ok: true, text: `Saved ${res.data.changed} rating${res.data.changed === 1 ? "" : "s"} to your history.` });
      setDrafts({});
      router.refresh();
    } else {
      const name = new Map(skills.map((s) => [s.id, s.name]));
      const lines = Object.entries(res.errors).map(([k, v]) => {
        const idx = /^ratings\.(\d+)\.(\w+)/.exec(k);
        return idx ? `${name.get(dirty[Number(idx[1])]?.[0]) ?? "A skill"} — ${idx[2]}: ${v[0]}` : v[0];
      });
      setStatus({ ok: false, text: res.message, errors: lines });
    }
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
            <input id="skill-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="e.g. terraform, kubernetes, ITIL" className="mt-1 w-full rounded border border-slate-400 px-3 py-2" />
          </div>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={onlyRated} onChange={(e) => setOnlyRated(e.target.checked)} /> Only rated skills
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
                <SkillRating key={s.id} skill={s} scale={scale} draft={draftOf(s.id)} saved={saved.get(s.id)} onChange={(p) => update(s.id, p)} />
              ))}
            </div>
          );
        })}
      </div>
      <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <p className="font-medium">{dirty.length === 0 ? "No unsaved changes" : `${dirty.length} unsaved change${dirty.length === 1 ? "" : "s"}`}</p>
          <button type="button" onClick={save} disabled={pending || dirty.length === 0} className="mt-3 w-full rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-50">
            {pending ? "Saving…" : "Save changes"}
          </button>
          {status && (
            <div role={status.ok ? "status" : "alert"} className={`mt-3 text-sm ${status.ok ? "text-green-800" : "text-red-800"}`}>
              <p>{status.text}</p>
              {status.errors && (
                <ul className="list-disc pl-5">
                  {status.errors.map((e, i) => (
                    <li key={i}>{e}</li>
                  ))}
                </ul>
              )}
            </div>
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

function SkillRating({ skill, scale, draft, saved, onChange }: { skill: SkillRow; scale: ScaleLevel[]; draft: Draft; saved?: Rating; onChange: (p: Partial<Draft>) => void }) {
  const descriptor = scale.find((l) => l.level === draft.level);
  const changed = !same(draft, toDraft(saved));
  const id = `skill-${skill.id}`;
  return (
    <fieldset className={`rounded-lg border bg-white p-4 ${changed ? "border-brand-600" : "border-slate-200"}`} data-skill={skill.id}>
      <legend className="px-1 font-semibold">{skill.name}</legend>
      <p className="text-sm text-slate-700">{skill.description}</p>
      {skill.tools.length > 0 && <p className="text-xs text-slate-600">Tools: {skill.tools.join(", ")}</p>}
      <div role="radiogroup" aria-label={`${skill.name} level`} aria-describedby={`${id}-desc`} className="mt-3 flex flex-wrap gap-2">
        {scale.map((l) => (
          <label key={l.level} className={`cursor-pointer rounded border px-3 py-1.5 text-sm has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${draft.level === l.level ? "border-brand-700 bg-brand-700 text-white" : "border-slate-400 bg-white text-slate-900"}`}>
            <input type="radio" className="sr-only" name={id} value={l.level} checked={draft.level === l.level} onChange={() => onChange({ level: l.level })} aria-label={`${l.level} ${l.name}: ${l.description}`} />
            {l.level} {l.name}
          </label>
        ))}
      </div>
      <p id={`${id}-desc`} className="mt-2 text-sm text-slate-800">
        <strong>{descriptor?.name}:</strong> {descriptor?.description}
      </p>
      <div className="mt-3 grid gap-3 md:grid-cols-[1fr_1fr_auto] md:items-end">
        <div>
          <label htmlFor={`${id}-note`} className="block text-sm font-medium">
            Evidence note
          </label>
          <input id={`${id}-note`} value={draft.note} maxLength={1000} onChange={(e) => onChange({ note: e.target.value })} className="mt-1 w-full rounded border border-slate-400 px-2 py-1 text-sm" />
        </div>
        <div>
          <label htmlFor={`${id}-link`} className="block text-sm font-medium">
            Evidence link
          </label>
          <input id={`${id}-link`} type="url" value={draft.evidenceUrl} maxLength={500} placeholder="https://…" onChange={(e) => onChange({ evidenceUrl: e.target.value })} className="mt-1 w-full rounded border border-slate-400 px-2 py-1 text-sm" />
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={draft.wantsToGrow} onChange={(e) => onChange({ wantsToGrow: e.target.checked })} /> I want to grow this
        </label>
      </div>
      <p className="mt-2 text-xs text-slate-600">
        {saved ? (
          <>
            Last changed {saved.updatedAt.slice(0, 10)}
            {saved.source === "manager" ? " · confirmed by your manager" : saved.source === "import" ? " · imported" : ""}
            {saved.stale && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900">stale: older than 6 months</span>}
          </>
        ) : (
          "Not rated yet"
        )}
      </p>
    </fieldset>
  );
}
