import type { Metadata } from "next";
import Link from "next/link";
import { getTaxonomyPage } from "@/lib/data/pages";
import { roleLadder, SENIORITY_LABEL } from "@/lib/domain/taxonomy-views";
import { RoleMap } from "./role-map";
import { formatSalary, kindLabel, pathLabel, trackLabel } from "@/components/badges";
import type { Role } from "@/lib/domain/types";

export const metadata: Metadata = { title: "Roles" };
export const dynamic = "force-dynamic";

const kinds: Role["kind"][] = ["ic", "manager", "executive"];
const tracks: Role["track"][] = ["infrastructure", "platform"];

export default async function RolesPage() {
  const taxonomy = await getTaxonomyPage();
  const ladder = roleLadder(taxonomy);
  const title = new Map(taxonomy.roles.map((r) => [r.id, r.title]));
  return (
    <div className="space-y-10">
      <header>
        <h1 className="text-3xl font-bold">Infrastructure and platform roles</h1>
        <p className="mt-2 max-w-3xl text-slate-700">
          {taxonomy.roles.length} roles on two tracks, from entry points to the executive floor, with the skills each
          one needs. Taxonomy version {taxonomy.version}.
        </p>
      </header>
      <section aria-labelledby="map-h" className="space-y-3">
        <h2 id="map-h" className="text-xl font-semibold">
          Role map
        </h2>
        <RoleMap
          rows={ladder}
          label="Rows run from entry points (1) to the C-level (8); columns are the two tracks. Every role links to its page, which shows where people come from and where they go next."
        />
        <p className="text-sm text-slate-700">
          The same roles as a list, by seniority:{" "}
          {tracks.map((t, i) => (
            <span key={t}>
              {i > 0 && " · "}
              <a className="text-brand-700 underline" href={`#${t}-h`}>
                {trackLabel[t]} track
              </a>
            </span>
          ))}
        </p>
        <details className="rounded border border-slate-200 bg-white px-3">
          <summary className="flex min-h-11 cursor-pointer items-center font-medium">
            Career paths as a list ({taxonomy.paths.length})
          </summary>
          <ul className="mb-3 grid gap-1 sm:grid-cols-2">
            {taxonomy.paths.map((p) => (
              <li key={`${p.from}-${p.to}`} className="break-words">
                {title.get(p.from)} → {title.get(p.to)} <span className="text-slate-600">({pathLabel[p.kind]})</span>
              </li>
            ))}
          </ul>
        </details>
      </section>
      {tracks.map((track) => (
        <section key={track} aria-labelledby={`${track}-h`} className="space-y-4">
          <h2 id={`${track}-h`} className="text-2xl font-semibold">
            {trackLabel[track]} track
          </h2>
          {kinds.map((kind) => {
            const roles = taxonomy.roles
              .filter((r) => r.track === track && r.kind === kind)
              .sort((a, b) => a.seniority - b.seniority || a.title.localeCompare(b.title));
            if (roles.length === 0) return null;
            return (
              <div key={kind}>
                <h3 className="text-lg font-medium text-slate-800">{kindLabel[kind]}</h3>
                <ul className="mt-2 grid gap-3 md:grid-cols-2 lg:grid-cols-3">
                  {roles.map((r) => (
                    <li key={r.id} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 break-words">
                      <Link href={`/roles/${r.id}`} className="font-semibold text-brand-700 underline">
                        {r.title}
                      </Link>
                      <p className="mt-1 text-sm text-slate-700">{r.summary}</p>
                      <p className="mt-2 text-xs text-slate-600">
                        Seniority {r.seniority} ({SENIORITY_LABEL[r.seniority]}) · {r.requirements.length} skills
                        {formatSalary(r.salary) ? ` · ${formatSalary(r.salary)}` : ""}
                      </p>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </section>
      ))}
    </div>
  );
}
