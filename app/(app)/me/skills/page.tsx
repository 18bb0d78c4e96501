import Link from "next/link";
import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/session";
import { getMySkillsPage } from "@/lib/data/pages";
import { RatingEditor } from "./rating-editor";
import { RolePicker } from "./role-picker";
import { MyDataPanel } from "./my-data-panel";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "My skills" };

export default async function MySkillsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const actor = await requireActor("/me/skills");
  const welcome = firstParam((await searchParams).welcome);
  const { taxonomy, ratings, certifications, currentRoleId, targetRoleId, target } = await getMySkillsPage(actor);
  return (
    // Room below the content on phones, where the save bar is fixed to the bottom of the screen.
    <div className="space-y-8 pb-32 lg:pb-0">
      <header>
        <h1 className="text-3xl font-bold">My skills</h1>
        {welcome ? (
          <p className="mt-2 rounded border border-brand-100 bg-brand-50 p-3 text-brand-900" role="status">
            Welcome! Rate a few skills you use — even ten is enough to see your gaps — and choose a target role.
          </p>
        ) : (
          <p className="mt-2 text-slate-700">
            Rate yourself 0–5 against the level descriptors. Every save is kept in your history; nothing is overwritten.
          </p>
        )}
        <p className="mt-2 text-slate-700">
          Certifications back up your ratings:{" "}
          <Link href="/me/certifications" className="font-medium text-brand-700 underline">
            record yours
          </Link>{" "}
          and cite one as evidence on a skill.
        </p>
      </header>
      <RolePicker
        roles={taxonomy.roles.map((r) => ({ id: r.id, title: r.title, track: r.track }))}
        currentRoleId={currentRoleId}
        targetRoleId={targetRoleId}
      />
      <RatingEditor
        userId={actor.id}
        certifications={certifications.map((c) => ({ id: c.id, name: c.name }))}
        target={target}
        scale={taxonomy.scale}
        categories={taxonomy.categories.map((c) => ({ id: c.id, name: c.name }))}
        skills={taxonomy.skills.map((s) => ({
          id: s.id,
          name: s.name,
          category: s.category,
          description: s.description,
          tools: s.tools,
          aliases: s.aliases,
          levels: s.levels,
        }))}
        ratings={ratings.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }))}
      />
      <MyDataPanel />
    </div>
  );
}
