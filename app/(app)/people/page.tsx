import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { DataError } from "@/lib/data/errors";
import { getTaxonomyPage } from "@/lib/data/pages";
import { findExperts } from "@/lib/data/people";
import type { SearchParams } from "@/lib/search-params";
import { FinderForm } from "./finder-form";
import { criteriaRows, readFinderQuery, toFormErrors } from "./finder-query";
import { FinderResults } from "./finder-results";

export const metadata: Metadata = { title: "Find people" };

type Props = { searchParams: Promise<SearchParams> };

export default async function PeoplePage({ searchParams }: Props) {
  const actor = await requireActor("/people");
  const [sp, taxonomy] = await Promise.all([searchParams, getTaxonomyPage()]);
  const state = readFinderQuery(sp);
  let found: Awaited<ReturnType<typeof findExperts>> | null = null;
  let errors = state.errors;
  if (state.query) {
    try {
      found = await findExperts(actor, state.query);
    } catch (e) {
      // An unknown skill or certification in the address is a field message, like any other bad input.
      if (!(e instanceof DataError)) throw e;
      errors = toFormErrors(
        Object.keys(e.fieldErrors).length ? e.fieldErrors : { criteria: [e.message] },
        criteriaRows(state.rows),
      );
    }
  }
  return (
    <div className="min-w-0 space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">Find people</h1>
        <p className="text-slate-700">
          Search for colleagues by skill: pick one or more skills with the lowest level you need, and optionally a
          certification they must hold.
        </p>
        <p className="rounded border border-slate-200 bg-white p-3 text-sm text-slate-700" data-testid="privacy-note">
          Only people you may see are listed, and the count covers only them. Each person chooses who can find them:
          nobody, their own teams, or everyone in the organisation. Managers always see the members of the teams they
          manage. You choose your own setting under{" "}
          <Link href="/account#findability" className="text-brand-700 underline">
            Who can find you
          </Link>{" "}
          on your account page.
        </p>
      </header>

      <FinderForm
        rows={state.rows}
        certificationId={state.certificationId}
        errors={errors}
        categories={taxonomy.categories.map((c) => ({
          id: c.id,
          name: c.name,
          skills: taxonomy.skills.filter((s) => s.category === c.id).map((s) => ({ id: s.id, name: s.name })),
        }))}
        scale={taxonomy.scale.filter((l) => l.level > 0)}
        certifications={taxonomy.certifications.map((c) => ({ id: c.id, label: `${c.short} — ${c.name}` }))}
      />

      {!state.asked && (
        <p className="text-slate-700" data-testid="finder-start">
          Choose a skill and a minimum level, then press <strong>Find people</strong>. Add more skills to find someone
          who has all of them.
        </p>
      )}
      {found && state.query && (
        <FinderResults
          found={found}
          criteria={state.query.criteria}
          certification={taxonomy.certifications.find((c) => c.id === state.query!.certificationId)?.short ?? null}
          skillName={Object.fromEntries(taxonomy.skills.map((s) => [s.id, s.name]))}
          levelName={Object.fromEntries(taxonomy.scale.map((l) => [l.level, l.name]))}
        />
      )}
    </div>
  );
}
