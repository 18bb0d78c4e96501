"use client";
import { useCallback, useMemo, useRef, useState } from "react";
import { useActionForm } from "@/components/use-action-form";
import { searchSkills } from "@/lib/taxonomy/search";
import type { Category, ScaleLevel, Taxonomy } from "@/lib/domain/types";
import { saveRatingsAction } from "../actions";
import { plural, restorableDrafts, sameDraft, toDraft, type Draft, type Drafts, type Rating } from "./drafts";
import { SaveBar } from "./save-bar";
import { SkillRating, type RowErrors, type SkillRow } from "./skill-rating";
import { useLeaveGuard, useSaveShortcut, useStoredDrafts } from "./use-unsaved-guard";

export type TargetNeeds = { title: string; requirements: { skillId: string; level: number }[] } | null;
type Filter = "target" | "all" | "rated";
type Sent = { ratings: ({ skillId: string } & Draft)[] };
// Fields a skill row shows beside itself; anything else about a row is said in the save bar.
const ROW_FIELDS = new Set(["level", "note", "evidenceUrl", "certificationId"]);

export function RatingEditor({
  userId,
  scale,
  categories,
  skills,
  ratings,
  target,
  certifications = [],
}: {
  certifications?: { id: string; name: string }[];
  /** Whose drafts these are: the session-storage key, so another person on this browser never sees them. */
  userId: string;
  scale: ScaleLevel[];
  categories: Pick<Category, "id" | "name">[];
  skills: SkillRow[];
  ratings: Rating[];
  target: TargetNeeds;
}) {
  const saved = useMemo(() => new Map(ratings.map((r) => [r.skillId, r])), [ratings]);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [query, setQuery] = useState("");
  // Until the person picks a filter, the default follows the target role: its skills once there is one.
  const [chosen, setChosen] = useState<Filter | null>(null);
  const filter: Filter = (chosen === "target" && !target ? null : chosen) ?? (target ? "target" : "all");
  // Categories the person opened or closed; the rest follow the default (see `isOpen`).
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const [lastEdited, setLastEdited] = useState<string | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  // Rows a refused save brought into view stay there (through the fix and the save) until the search or filter changes.
  const [pinned, setPinned] = useState<ReadonlySet<string>>(new Set());
  const sectionRef = useRef<HTMLElement>(null);
  const categoryOf = useMemo(() => new Map(skills.map((s) => [s.id, s.category])), [skills]);

  const form = useActionForm(saveRatingsAction, {
    successMessage: (d, _sent: Sent) => `Saved ${plural(d.changed, "rating")} to your history.`,
    onSuccess: () => {
      setDrafts({});
      setRestored(null);
    },
    // A refused row's category opens (whatever the person toggled) so its field can take focus.
    onError: (result, sent) => {
      const ids = Object.keys(result.errors).flatMap((k) => {
        const m = /^ratings\.(\d+)\./.exec(k);
        const id = m ? sent.ratings[Number(m[1])]?.skillId : undefined;
        return id ? [id] : [];
      });
      setPinned((prev) => new Set([...prev, ...ids]));
      setToggled((prev) => {
        const next = { ...prev };
        for (const id of ids) delete next[categoryOf.get(id) ?? ""];
        return next;
      });
    },
  });

  const unsaved = useMemo(
    () => Object.fromEntries(Object.entries(drafts).filter(([id, d]) => !sameDraft(d, toDraft(saved.get(id))))),
    [drafts, saved],
  );
  const unsavedCount = Object.keys(unsaved).length;
  const draftOf = (id: string) => drafts[id] ?? toDraft(saved.get(id));
  const update = (id: string, patch: Partial<Draft>) => {
    setDrafts((prev) => ({ ...prev, [id]: { ...(prev[id] ?? toDraft(saved.get(id))), ...patch } }));
    setLastEdited(id);
  };

  const known = useMemo(() => new Set(skills.map((s) => s.id)), [skills]);
  const restore = useCallback(
    (stored: unknown) => {
      const back = restorableDrafts(stored, known, saved, scale);
      const n = Object.keys(back).length;
      if (n === 0) return;
      setDrafts(back);
      setRestored(`Restored ${plural(n, "unsaved rating")} from earlier. Save or discard them.`);
    },
    [known, saved, scale],
  );
  const ready = useStoredDrafts(userId, unsaved, restore);
  useLeaveGuard(unsavedCount);

  const save = (origin?: HTMLElement | null) => {
    if (unsavedCount === 0 || form.pending) return;
    const sent: Sent = { ratings: Object.entries(unsaved).map(([skillId, d]) => ({ skillId, ...d })) };
    void form.submit(sent, origin ?? sectionRef.current);
  };
  useSaveShortcut(() => save(sectionRef.current));
  const discard = () => {
    if (!window.confirm(`Discard ${plural(unsavedCount, "unsaved rating")}? They cannot be brought back.`)) return;
    setDrafts({});
    setRestored(null);
    form.clear();
  };

  // Errors name rows of what was sent ("ratings.3.evidenceUrl"): map them back to the skill, whatever was edited since.
  const sentRows = (form.state?.input as Sent | undefined)?.ratings ?? [];
  const name = new Map(skills.map((s) => [s.id, s.name]));
  const rowErrors: Record<string, RowErrors> = {};
  const problems: string[] = [];
  for (const [key, messages] of Object.entries(form.fieldErrors)) {
    const m = /^ratings\.(\d+)\.(\w+)$/.exec(key);
    const skillId = m ? sentRows[Number(m[1])]?.skillId : undefined;
    if (m && skillId && ROW_FIELDS.has(m[2]!) && known.has(skillId)) (rowErrors[skillId] ??= {})[m[2]!] = messages;
    else problems.push(skillId ? `${name.get(skillId) ?? "A skill"}: ${messages[0]}` : messages[0]!);
  }
  const refused = form.state && !form.state.result.ok ? form.state.result : null;
  const badFields = Object.values(rowErrors).reduce((n, e) => n + Object.keys(e).length, 0);
  // Rows say what is wrong beside the field; the banner says only that nothing was saved and where to look.
  const error = !refused
    ? null
    : problems.length > 0
      ? "Nothing was saved. Please correct:"
      : badFields > 0
        ? `Nothing was saved. Correct the ${badFields === 1 ? "marked field" : `${badFields} marked fields`} and save again.`
        : refused.message;

  const needs = useMemo(() => new Map(target?.requirements.map((q) => [q.skillId, q.level]) ?? []), [target]);
  const searched = useMemo(
    () =>
      query.trim()
        ? new Set((searchSkills({ skills, categories } as unknown as Taxonomy, query) as SkillRow[]).map((s) => s.id))
        : null,
    [query, skills, categories],
  );
  // Refused rows always show, whatever the search or filter (and stay until either changes); unsaved rows show
  // whatever the filter.
  const visible = skills.filter(
    (s) =>
      Boolean(rowErrors[s.id]) ||
      pinned.has(s.id) ||
      ((!searched || searched.has(s.id)) &&
        (s.id in unsaved || filter === "all" || (filter === "target" ? needs.has(s.id) : saved.has(s.id)))),
  );
  const narrow = filter !== "all" || searched !== null;
  const groups = categories
    .map((c) => ({ ...c, rows: visible.filter((s) => s.category === c.id) }))
    .filter((g) => g.rows.length > 0);
  const isOpen = (g: (typeof groups)[number]) =>
    g.rows.some((s) => rowErrors[s.id]) || (toggled[g.id] ?? (narrow || g.rows.some((s) => s.id in unsaved)));

  const status = form.success ?? restored;
  const select = "mt-1 min-h-11 w-full rounded border border-slate-400 bg-white px-3 py-2";
  return (
    <section
      ref={sectionRef}
      aria-labelledby="rate-h"
      data-ready={ready || undefined}
      className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]"
    >
      <div className="min-w-0 space-y-4 lg:col-start-1 lg:row-start-1">
        <h2 id="rate-h" className="text-xl font-semibold">
          Rate your skills
        </h2>
        <div className="grid gap-4 sm:grid-cols-[1fr_16rem]">
          <div className="min-w-0">
            <label htmlFor="skill-search" className="block text-sm font-medium">
              Find a skill by name or tool
            </label>
            <input
              id="skill-search"
              type="search"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setPinned(new Set());
              }}
              placeholder="e.g. terraform, kubernetes, ITIL"
              className={select}
            />
          </div>
          <div className="min-w-0">
            <label htmlFor="skill-filter" className="block text-sm font-medium">
              Show
            </label>
            <select
              id="skill-filter"
              value={filter}
              onChange={(e) => {
                setChosen(e.target.value as Filter);
                setPinned(new Set());
              }}
              className={select}
            >
              {target && (
                <option value="target">
                  Skills {target.title} needs ({target.requirements.length})
                </option>
              )}
              <option value="all">All skills ({skills.length})</option>
              <option value="rated">Only rated skills ({ratings.length})</option>
            </select>
          </div>
        </div>
        {!target && (
          <p className="text-sm text-slate-700">Choose a target role above to see the skills it needs first.</p>
        )}
        <p className="text-sm text-slate-700" aria-live="polite">
          Showing {visible.length} of {skills.length} skills · {ratings.length} rated
        </p>
      </div>
      <aside className="min-w-0 space-y-4 lg:sticky lg:top-4 lg:col-start-2 lg:row-span-2 lg:row-start-1 lg:self-start">
        <SaveBar
          unsaved={unsavedCount}
          pending={form.pending}
          onSave={save}
          onDiscard={discard}
          error={error}
          problems={problems}
          status={status}
        />
        <details className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <summary className="flex min-h-11 cursor-pointer items-center font-semibold">What levels 0–5 mean</summary>
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
        </details>
      </aside>
      <div className="min-w-0 space-y-4 lg:col-start-1 lg:row-start-2">
        {groups.length > 1 && (
          <nav aria-label="Skill categories">
            <ul className="flex flex-wrap gap-2">
              {groups.map((g) => (
                <li key={g.id}>
                  <a
                    href={`#cat-${g.id}`}
                    onClick={() => setToggled((p) => ({ ...p, [g.id]: true }))}
                    className="inline-flex min-h-11 items-center rounded border border-slate-300 bg-white px-3 text-sm text-brand-700 hover:bg-brand-50"
                  >
                    {g.name} ({g.rows.length})
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {groups.length === 0 && <p className="text-slate-700">No skills match. Try another word or show all skills.</p>}
        {groups.map((g) => {
          const open = isOpen(g);
          const rated = g.rows.filter((s) => saved.has(s.id)).length;
          const pendingHere = g.rows.filter((s) => s.id in unsaved).length;
          return (
            <details
              key={g.id}
              id={`cat-${g.id}`}
              open={open}
              onToggle={(e) => {
                const now = e.currentTarget.open;
                if (now !== open) setToggled((p) => ({ ...p, [g.id]: now }));
              }}
              className="scroll-mt-4 rounded-lg border border-slate-200 bg-slate-50"
            >
              <summary className="flex min-h-11 cursor-pointer flex-wrap items-center gap-x-3 px-4 py-2">
                <h3 className="text-lg font-semibold break-words text-brand-900">{g.name}</h3>
                <span className="text-sm text-slate-700">
                  {rated} of {plural(g.rows.length, "skill")} rated
                  {pendingHere > 0 && ` · ${pendingHere} unsaved`}
                </span>
              </summary>
              <div className="space-y-3 p-2 sm:p-4">
                {g.rows.map((s) => (
                  <SkillRating
                    key={s.id}
                    skill={s}
                    scale={scale}
                    draft={draftOf(s.id)}
                    saved={saved.get(s.id)}
                    errors={rowErrors[s.id]}
                    need={needs.has(s.id) && target ? { role: target.title, level: needs.get(s.id)! } : undefined}
                    unsaved={unsavedCount}
                    offerSave={lastEdited === s.id}
                    onChange={(p) => update(s.id, p)}
                    onSave={save}
                    certifications={certifications}
                  />
                ))}
              </div>
            </details>
          );
        })}
      </div>
    </section>
  );
}
