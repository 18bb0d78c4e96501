import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { DataError, type FieldErrors } from "@/lib/data/errors";
import { listMerges, previewMerge, type MergePreview } from "@/lib/data/skill-merge";
import { getTaxonomy } from "@/lib/data/taxonomy";
import { plural } from "@/lib/domain/plural";
import { orNotFound } from "@/lib/page";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { MergeForm } from "./merge-form";
import { PreviewSummary } from "./preview-summary";
import { UndoButton } from "./undo-button";

export const metadata: Metadata = { title: "Merge skills" };

type Props = { searchParams: Promise<SearchParams> };

const input = "min-h-11 w-full rounded border border-slate-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-700";
const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export default async function MergePage({ searchParams }: Props) {
  const actor = await requireActor("/admin/merge");
  const sp = await searchParams;
  // Non-admins: not found, before anything else is read.
  const [merges, taxonomy] = await Promise.all([orNotFound(listMerges(actor)), getTaxonomy()]);
  const active = new Set(taxonomy.skills.map((s) => s.id));
  const asked = { sourceId: firstParam(sp.source) ?? "", targetId: firstParam(sp.target) ?? "" };
  let preview: MergePreview | null = null;
  let errors: FieldErrors = {};
  if (asked.sourceId || asked.targetId) {
    try {
      preview = await previewMerge(actor, asked);
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      errors = e.fieldErrors;
    }
  }
  const merged = merges.find((m) => m.id === firstParam(sp.merged));
  const undone = merges.find((m) => m.id === firstParam(sp.undone));
  const groups = taxonomy.categories
    .map((c) => ({ ...c, skills: taxonomy.skills.filter((s) => s.category === c.id) }))
    .filter((g) => g.skills.length > 0);
  const select = (name: "source" | "target", field: "sourceId" | "targetId", label: string, help: string) => {
    const error = errors[field]?.[0];
    return (
      <div className="w-full min-w-0 sm:w-80">
        <label htmlFor={name} className="block font-medium">
          {label}
        </label>
        <p id={`${name}-help`} className="text-sm text-slate-700">
          {help}
        </p>
        <select
          id={name}
          name={name}
          required
          defaultValue={active.has(asked[field]) ? asked[field] : ""}
          className={input}
          aria-invalid={Boolean(error)}
          aria-describedby={`${name}-help ${name}-error`}
          autoFocus={Boolean(error)}
        >
          <option value="">Choose a skill</option>
          {groups.map((g) => (
            <optgroup key={g.id} label={g.name}>
              {g.skills.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <p id={`${name}-error`} className="mt-1 text-sm text-red-800">
          {error}
        </p>
      </div>
    );
  };
  return (
    <div className="min-w-0 space-y-8">
      <p>
        <Link className="inline-flex min-h-11 items-center text-brand-700 underline" href="/admin">
          Administration
        </Link>
      </p>
      <h1 className="text-3xl font-bold">Merge skills</h1>
      <p className="max-w-3xl text-slate-700">
        When two skills in the taxonomy mean the same thing, merge one into the other. Every rating of the merged skill
        moves, with its date and who confirmed it; people who rated both keep the higher level. Nothing is deleted: what
        cannot move is kept aside, and the newest merge can be undone as long as no other taxonomy change came after it.
      </p>
      {merged && (
        <p role="status" className="rounded border border-green-700 bg-green-50 p-3 break-words text-green-900">
          Merged “{merged.source.name}” into “{merged.target.name}”: {plural(merged.people, "person", "people")},{" "}
          {plural(merged.ratings, "rating", "ratings")} moved.
        </p>
      )}
      {undone && (
        <p role="status" className="rounded border border-green-700 bg-green-50 p-3 break-words text-green-900">
          Undone: “{undone.source.name}” is a skill of its own again, with its ratings.
        </p>
      )}
      <form method="get" action="/admin/merge" aria-labelledby="pick-h" className="space-y-3">
        <h2 id="pick-h" className="text-xl font-semibold">
          Choose the skills
        </h2>
        <div className="flex flex-wrap items-start gap-4">
          {select("source", "sourceId", "Merge this skill", "It leaves the taxonomy.")}
          {select("target", "targetId", "Into this skill", "It stays, and takes over the ratings.")}
        </div>
        <button
          type="submit"
          className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900"
        >
          Preview
        </button>
      </form>
      {preview && (
        <section
          aria-labelledby="preview-h"
          className="max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 id="preview-h" className="text-xl font-semibold break-words">
            Preview: “{preview.source.name}” into “{preview.target.name}”
          </h2>
          <PreviewSummary preview={preview} />
          {preview.problems.length > 0 ? (
            <div role="alert" className="text-red-800">
              <p className="font-medium">This merge cannot be done as the taxonomy stands:</p>
              <ul className="list-disc pl-5 break-words">
                {preview.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : (
            <MergeForm
              source={preview.source}
              target={preview.target}
              people={preview.people}
              ratings={preview.ratings}
              bothRated={preview.bothRated}
            />
          )}
        </section>
      )}
      <section aria-labelledby="history-h" className="max-w-3xl space-y-3">
        <h2 id="history-h" className="text-xl font-semibold">
          Past merges
        </h2>
        {merges.length === 0 ? (
          <p className="text-slate-700">No skills have been merged yet.</p>
        ) : (
          <ol className="space-y-3">
            {merges.map((m) => {
              const label = `“${m.source.name}” into “${m.target.name}”`;
              return (
                <li key={m.id} className="space-y-2 rounded border border-slate-200 bg-white p-3 break-words">
                  <p className="font-medium">{label}</p>
                  <p className="text-sm text-slate-700">
                    {when(m.createdAt)} by {m.by} · {plural(m.people, "person", "people")},{" "}
                    {plural(m.ratings, "rating", "ratings")}
                    {m.undoneAt && ` · undone ${when(m.undoneAt)}`}
                  </p>
                  {m.undoable && <UndoButton mergeId={m.id} label={label} />}
                  {m.blockedBy && <p className="text-sm text-slate-700">{m.blockedBy}</p>}
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </div>
  );
}
