import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getDraft } from "@/lib/data/taxonomy-draft";
import { PATH_KIND_LABELS, PATH_KINDS } from "@/lib/domain/taxonomy-diff";
import { orNotFound } from "@/lib/page";
import { NoDraft } from "../../no-draft";
import { link } from "../../styles";
import { PathsForm } from "./paths-form";
import { RequirementsForm } from "./requirements-form";

export const metadata: Metadata = { title: "Edit role" };

type Props = { params: Promise<{ id: string }> };

export default async function EditRolePage({ params }: Props) {
  const { id } = await params;
  const actor = await requireActor(`/admin/taxonomy/roles/${id}`);
  const draft = await orNotFound(getDraft(actor));
  if (!draft) return <NoDraft title="Edit role" />;
  const t = draft.taxonomy;
  const role = t.roles.find((r) => r.id === id);
  if (!role) notFound();
  const title = new Map(t.roles.map((r) => [r.id, r.title]));
  const incoming = t.paths.filter((p) => p.to === role.id);
  const skillGroups = t.categories
    .map((c) => ({
      name: c.name,
      skills: t.skills.filter((s) => s.category === c.id).map(({ id: sid, name }) => ({ id: sid, name })),
    }))
    .filter((g) => g.skills.length > 0);
  return (
    <div className="min-w-0 space-y-6">
      <p>
        <Link className={link} href="/admin/taxonomy">
          Taxonomy editor
        </Link>
      </p>
      <h1 className="text-3xl font-bold break-words">Edit role: {role.title}</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Seniority {role.seniority}, {role.track} track. Changes go into the draft; the preview shows how many people
        hold or target this role and whose fit would move before anything is published.
      </p>
      <RequirementsForm
        revision={draft.revision}
        roleId={role.id}
        requirements={role.requirements}
        skillGroups={skillGroups}
        scale={t.scale.filter((l) => l.level > 0).map(({ level, name }) => ({ level, name }))}
      />
      <PathsForm
        revision={draft.revision}
        roleId={role.id}
        roleTitle={role.title}
        paths={t.paths.filter((p) => p.from === role.id).map(({ to, kind }) => ({ to, kind }))}
        roles={[...t.roles]
          .filter((r) => r.id !== role.id)
          .sort((a, b) => a.seniority - b.seniority || a.title.localeCompare(b.title))
          .map((r) => ({ id: r.id, title: r.title, seniority: r.seniority }))}
        kinds={PATH_KINDS.map((k) => ({ kind: k, label: PATH_KIND_LABELS[k] }))}
      />
      <section aria-labelledby="incoming-h" className="max-w-3xl space-y-2">
        <h2 id="incoming-h" className="text-xl font-semibold">
          Paths into this role
        </h2>
        {incoming.length ? (
          <ul className="list-disc pl-5">
            {incoming.map((p) => (
              <li key={p.from} className="break-words">
                <Link className="text-brand-700 underline" href={`/admin/taxonomy/roles/${p.from}`}>
                  {title.get(p.from) ?? p.from}
                </Link>{" "}
                ({p.kind})
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-700">No role leads here yet. Edit another role to add a path to this one.</p>
        )}
      </section>
    </div>
  );
}
