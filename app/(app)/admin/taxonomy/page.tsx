import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getTaxonomy } from "@/lib/data/taxonomy";
import { getDraft } from "@/lib/data/taxonomy-draft";
import { diffTaxonomy } from "@/lib/domain/taxonomy-diff";
import { orNotFound } from "@/lib/page";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { AddSkillForm, DiscardDraftButton, StartDraftButton } from "./draft-controls";
import { link, primary } from "./styles";

export const metadata: Metadata = { title: "Taxonomy editor" };

type Props = { searchParams: Promise<SearchParams> };

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export default async function TaxonomyEditorPage({ searchParams }: Props) {
  const actor = await requireActor("/admin/taxonomy");
  const [draft, current, sp] = await Promise.all([orNotFound(getDraft(actor)), getTaxonomy(), searchParams]);
  // Notices come back from the forms through the URL; each is only said when it is true of the data.
  const published = firstParam(sp.published);
  const retired = firstParam(sp.retired);
  const notice =
    published && published === current.version && !draft
      ? `Published version ${published}. Everyone now sees the new taxonomy.`
      : retired && draft && !draft.taxonomy.skills.some((s) => s.id === retired)
        ? `Retired ${current.skills.find((s) => s.id === retired)?.name ?? "the skill"} in the draft. Publish to make it final.`
        : firstParam(sp.discarded) && !draft
          ? "The draft was discarded. Nothing was published."
          : null;

  return (
    <div className="min-w-0 space-y-8">
      <p>
        <Link className={link} href="/admin">
          Administration
        </Link>
      </p>
      <h1 className="text-3xl font-bold">Taxonomy editor</h1>
      <p className="max-w-3xl text-slate-700">
        Edit skills, roles and career paths in a draft. Nobody sees a change until you publish it, and the preview lists
        every change with the number of people it touches. Existing ratings are always kept. To replace the whole
        taxonomy from a JSON file instead, use the import on the{" "}
        <Link className="text-brand-700 underline" href="/admin">
          Administration
        </Link>{" "}
        page.
      </p>
      {notice && (
        <p role="status" className="font-medium text-green-800">
          {notice}
        </p>
      )}
      <section
        aria-labelledby="status-h"
        className="max-w-3xl space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="status-h" className="text-xl font-semibold">
          Draft
        </h2>
        {!draft ? (
          <>
            <p>
              There is no draft. The published taxonomy is version{" "}
              <strong className="break-words">{current.version}</strong>: {current.skills.length} skills,{" "}
              {current.roles.length} roles.
            </p>
            <StartDraftButton />
          </>
        ) : (
          <>
            <p className="break-words">
              Started from version <strong>{draft.baseVersion}</strong>. Last changed {utc(draft.updatedAt)}
              {draft.updatedBy ? ` by ${draft.updatedBy}` : ""}.
            </p>
            {draft.stale && (
              <p className="rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
                <strong>This draft is out of date:</strong> version {draft.appliedSince} was published after it began,
                so it can no longer be published. Discard it and start again.
              </p>
            )}
            <p className="flex flex-wrap gap-3">
              <Link className={`${primary} inline-flex items-center`} href="/admin/taxonomy/preview">
                Preview and publish
              </Link>
            </p>
            <DiscardDraftButton revision={draft.revision} />
          </>
        )}
      </section>
      {draft && <DraftContents draft={draft} currentTaxonomy={current} />}
    </div>
  );
}

type Draft = NonNullable<Awaited<ReturnType<typeof getDraft>>>;

function DraftContents({
  draft,
  currentTaxonomy,
}: {
  draft: Draft;
  currentTaxonomy: Awaited<ReturnType<typeof getTaxonomy>>;
}) {
  const t = draft.taxonomy;
  const diff = diffTaxonomy(currentTaxonomy, t);
  const changed = new Set([...diff.skills.changed.map((s) => s.id), ...diff.roles.changed.map((r) => r.id)]);
  const added = new Set([...diff.skills.added.map((s) => s.id), ...diff.roles.added.map((r) => r.id)]);
  const mark = (id: string) => (added.has(id) ? <Mark>new</Mark> : changed.has(id) ? <Mark>changed</Mark> : null);
  const byCategory = t.categories
    .map((c) => ({ ...c, skills: t.skills.filter((s) => s.category === c.id) }))
    .filter((c) => c.skills.length > 0);
  return (
    <>
      <section aria-labelledby="add-h" className="space-y-3">
        <h2 id="add-h" className="text-xl font-semibold">
          Add a skill
        </h2>
        <AddSkillForm revision={draft.revision} categories={t.categories.map(({ id, name }) => ({ id, name }))} />
      </section>
      <section aria-labelledby="skills-h" className="space-y-4">
        <h2 id="skills-h" className="text-xl font-semibold">
          Skills in the draft ({t.skills.length})
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          {byCategory.map((c) => (
            <div key={c.id} className="min-w-0 rounded border border-slate-200 bg-white p-3">
              <h3 className="font-semibold break-words">{c.name}</h3>
              <ul className="mt-1">
                {c.skills.map((s) => (
                  <li key={s.id} className="min-w-0 break-words">
                    <Link className={link} href={`/admin/taxonomy/skills/${s.id}`}>
                      <span className="sr-only">Edit </span>
                      {s.name}
                    </Link>{" "}
                    {mark(s.id)}
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </section>
      <section aria-labelledby="roles-h" className="space-y-3">
        <h2 id="roles-h" className="text-xl font-semibold">
          Roles in the draft ({t.roles.length})
        </h2>
        <p className="text-slate-700">Each role&apos;s page edits its requirements and the career paths leaving it.</p>
        <ul className="grid gap-x-4 rounded border border-slate-200 bg-white p-3 md:grid-cols-2">
          {[...t.roles]
            .sort((a, b) => a.seniority - b.seniority || a.title.localeCompare(b.title))
            .map((r) => (
              <li key={r.id} className="min-w-0 break-words">
                <Link className={link} href={`/admin/taxonomy/roles/${r.id}`}>
                  <span className="sr-only">Edit </span>
                  {r.title}
                </Link>{" "}
                <span className="text-sm text-slate-700">
                  seniority {r.seniority}, {r.requirements.length} requirements
                </span>{" "}
                {mark(r.id)}
              </li>
            ))}
        </ul>
      </section>
    </>
  );
}

function Mark({ children }: { children: string }) {
  return <span className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{children}</span>;
}
