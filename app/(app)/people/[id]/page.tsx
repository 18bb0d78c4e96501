import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getPersonProfile } from "@/lib/data/people";
import { orNotFound } from "@/lib/page";
import { CertificationList } from "./certification-list";
import { PrivateSections } from "./private-sections";
import { RatingsByCategory } from "./ratings-by-category";

type Props = { params: Promise<{ id: string }> };

const FINDABLE_LABEL = {
  nobody: "nobody (only your managers and admins)",
  teams: "your teams",
  organisation: "everyone in the organisation",
} as const;

// A fixed title: naming the person would load the profile a second time for the metadata.
export const metadata: Metadata = { title: "Profile" };

export default async function PersonPage({ params }: Props) {
  const { id } = await params;
  const actor = await requireActor(`/people/${id}`);
  const now = new Date();
  const profile = await orNotFound(getPersonProfile(actor, id, now));
  const { person, viewer, taxonomy } = profile;
  return (
    <div className="min-w-0 space-y-10">
      <header className="space-y-1">
        <p className="text-sm text-slate-600">
          <Link href="/people" className="underline">
            Find people
          </Link>
        </p>
        <h1 className="text-3xl font-bold break-words">
          {person.name}
          {viewer.isSelf && <span className="ml-2 text-lg font-normal text-slate-600">(you)</span>}
        </h1>
        {person.email && <p className="break-words text-slate-700">{person.email}</p>}
        <p className="text-slate-700" data-testid="person-roles">
          {person.currentRole ? `Current role: ${person.currentRole}` : "No current role set"}
          {" · "}
          {person.targetRole ? `aiming for ${person.targetRole}` : "no target role set"}
        </p>
        <p className="text-slate-700">
          {person.teams.length === 0
            ? "Not in a team."
            : `Teams: ${person.teams.map((t) => `${t.name}${t.role === "manager" ? " (manager)" : ""}`).join(", ")}`}
        </p>
        {viewer.isSelf && (
          <p className="text-sm text-slate-700">
            This is how your profile looks. Who can find you: {FINDABLE_LABEL[person.findableBy]}.{" "}
            <Link href="/account#findability" className="text-brand-700 underline">
              Change who can find you
            </Link>
          </p>
        )}
      </header>

      <RatingsByCategory personId={person.id} ratings={profile.ratings} taxonomy={taxonomy} viewer={viewer} />

      <CertificationList certifications={profile.certifications} now={now} isSelf={viewer.isSelf} />

      {profile.private && (
        <PrivateSections
          data={profile.private}
          skillName={Object.fromEntries(taxonomy.skills.map((s) => [s.id, s.name]))}
          targetRole={person.targetRole}
          isSelf={viewer.isSelf}
        />
      )}
    </div>
  );
}
