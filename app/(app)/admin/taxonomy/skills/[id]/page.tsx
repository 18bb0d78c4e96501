import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/session";
import { getDraft } from "@/lib/data/taxonomy-draft";
import { orNotFound } from "@/lib/page";
import { firstParam, type SearchParams } from "@/lib/search-params";
import { NoDraft } from "../../no-draft";
import { link } from "../../styles";
import { RetireSkill } from "./retire-skill";
import { SkillForm } from "./skill-form";

export const metadata: Metadata = { title: "Edit skill" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> };

export default async function EditSkillPage({ params, searchParams }: Props) {
  const { id } = await params;
  const actor = await requireActor(`/admin/taxonomy/skills/${id}`);
  const [draft, sp] = await Promise.all([orNotFound(getDraft(actor)), searchParams]);
  if (!draft) return <NoDraft title="Edit skill" />;
  const t = draft.taxonomy;
  const skill = t.skills.find((s) => s.id === id);
  if (!skill) notFound();
  const roles = t.roles.filter((r) => r.requirements.some((q) => q.skill === skill.id)).map((r) => r.title);
  const unlocks = t.skills.filter((s) => s.prerequisites.includes(skill.id)).map((s) => s.name);
  const certifications = t.certifications.filter((c) => c.skills.includes(skill.id));
  return (
    <div className="min-w-0 space-y-6">
      <p>
        <Link className={link} href="/admin/taxonomy">
          Taxonomy editor
        </Link>
      </p>
      <h1 className="text-3xl font-bold break-words">Edit skill: {skill.name}</h1>
      {firstParam(sp.added) && (
        <p role="status" className="font-medium text-green-800">
          Added {skill.name} to the draft. Describe it below; it is published with the rest of the draft.
        </p>
      )}
      <p className="max-w-3xl text-sm text-slate-700">
        Id <code className="break-all">{skill.id}</code> (never changes). Changes go into the draft; nobody sees them
        until the draft is published.
      </p>
      <SkillForm
        revision={draft.revision}
        skill={{
          id: skill.id,
          name: skill.name,
          description: skill.description,
          category: skill.category,
          aliases: skill.aliases,
          tools: skill.tools,
          levels: skill.levels,
          resources: skill.resources,
        }}
        categories={t.categories.map(({ id: cid, name }) => ({ id: cid, name }))}
        scale={t.scale.filter((l) => l.level > 0).map(({ level, name }) => ({ level, name }))}
      />
      <RetireSkill
        revision={draft.revision}
        skill={{ id: skill.id, name: skill.name }}
        roles={roles}
        unlocks={unlocks}
        certifications={certifications.map((c) => ({ name: c.name, only: c.skills.length === 1 }))}
      />
    </div>
  );
}
