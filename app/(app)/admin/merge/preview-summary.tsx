import type { MergePreview } from "@/lib/data/skill-merge";
import { plural } from "@/lib/domain/plural";
import type { Requirement } from "@/lib/domain/types";

const need = (q: Requirement) => `level ${q.level}, ${q.importance}`;

/** What the merge would do, in the order an admin weighs it: people and ratings first, then the taxonomy. */
export function PreviewSummary({ preview: p }: { preview: MergePreview }) {
  const [b, a] = [`“${p.source.name}”`, `“${p.target.name}”`];
  // Rows the target already has for the same person, team or review: the target's stays, the source's is set aside.
  const setAside = (n: number, one: string, many: string) =>
    n > 0 ? ` ${a} already has ${plural(n, one, many)} of these; ${n === 1 ? "it stays" : "they stay"}.` : "";
  return (
    <ul className="list-disc space-y-2 pl-5 break-words">
      <li data-testid="merge-counts">
        <strong>
          {plural(p.people, "person", "people")}, {plural(p.ratings, "rating", "ratings")}
        </strong>{" "}
        will move from {b} to {a}, each with its date, note and who confirmed it.
      </li>
      <li>
        {p.bothRated === 0
          ? `Nobody rated both skills.`
          : `${plural(p.bothRated, "person", "people")} rated both — the higher level wins` +
            (p.raised > 0 ? ` (${p.raised} of them go up on ${a}).` : ".")}
      </li>
      {p.requirements.length === 0 ? (
        <li>No role requires {b}.</li>
      ) : (
        <li>
          Roles affected:
          <ul className="list-[circle] pl-5">
            {p.requirements.map((c) => (
              <li key={c.roleId}>
                {c.title}:{" "}
                {c.target ? `required both; keeps ${need(c.result)}` : `now requires ${a} at ${need(c.result)}`}
              </li>
            ))}
          </ul>
        </li>
      )}
      {p.prerequisites.length > 0 && (
        <li>
          Prerequisites change for {p.prerequisites.map((s) => s.name).join(", ")}: they name {a} instead of {b}.
        </li>
      )}
      {p.certifications.length > 0 && (
        <li>
          {p.certifications.map((c) => c.name).join(", ")} will count as evidence for {a}.
        </li>
      )}
      {p.goals + p.endorsements.moved + p.endorsements.clashes > 0 && (
        <li>
          {plural(p.goals, "goal", "goals")} and {plural(p.endorsements.moved, "endorsement", "endorsements")} move to{" "}
          {a}.{setAside(p.endorsements.clashes, "endorsement", "endorsements")}
        </li>
      )}
      {p.teamTargets.moved + p.teamTargets.clashes > 0 && (
        <li>
          {plural(p.teamTargets.moved, "team target", "team targets")} move to {a}.
          {setAside(p.teamTargets.clashes, "team target", "team targets")}
        </li>
      )}
      {p.reviewSkills.moved + p.reviewSkills.clashes > 0 && (
        <li>
          {plural(p.reviewSkills.moved, "review entry", "review entries")} move to {a}.
          {setAside(p.reviewSkills.clashes, "review entry", "review entries")}
        </li>
      )}
      <li>
        {b}&apos;s name and other names become other names of {a}, and links to {b} lead to {a}. Anything set aside
        comes back if you undo the merge.
      </li>
    </ul>
  );
}
