import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getTaxonomy } from "@/lib/data/taxonomy";
import { previewDraft, staleMessage } from "@/lib/data/taxonomy-draft";
import type { FitMoves } from "@/lib/domain/taxonomy-diff";
import { orNotFound } from "@/lib/page";
import { NoDraft } from "../no-draft";
import { link } from "../styles";
import { diffSentences, type Line } from "./diff-sentences";
import { PublishForm } from "./publish-form";

export const metadata: Metadata = { title: "Preview the taxonomy draft" };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export default async function PreviewPage() {
  const actor = await requireActor("/admin/taxonomy/preview");
  const preview = await orNotFound(previewDraft(actor));
  if (!preview) return <NoDraft title="Preview the draft" />;
  const current = await getTaxonomy();
  const lines = diffSentences(preview, current);
  const { people } = preview;
  const blocked = preview.draft.stale
    ? staleMessage(preview.draft.appliedSince ?? "")
    : preview.empty
      ? "The draft changes nothing yet, so there is nothing to publish."
      : null;
  return (
    <div className="min-w-0 space-y-8">
      <p>
        <Link className={link} href="/admin/taxonomy">
          Taxonomy editor
        </Link>
      </p>
      <h1 className="text-3xl font-bold">Preview the draft</h1>
      <p className="max-w-3xl text-slate-700">
        What publishing the draft would change, compared with the published version{" "}
        <strong className="break-words">{preview.currentVersion}</strong>. People counts leave out deactivated accounts.
      </p>
      {preview.draft.stale && (
        <p className="max-w-3xl rounded border border-amber-300 bg-amber-50 p-3 text-amber-900">
          <strong>This draft is out of date.</strong> {staleMessage(preview.draft.appliedSince ?? "")}
        </p>
      )}
      {preview.empty ? (
        <p>The draft does not change anything yet.</p>
      ) : (
        <>
          <Section id="skills" title="Skills" lines={lines.skills} />
          <Section id="roles" title="Roles and requirements" lines={lines.roles} />
          <Section id="paths" title="Career paths" lines={lines.paths} />
          <Section id="other" title="Certifications and other changes" lines={lines.other} />
          <FitSummary target={people.fits.target} current={people.fits.current} />
          <PeopleTable preview={preview} />
        </>
      )}
      <PublishForm revision={preview.draft.revision} suggestedVersion={preview.suggestedVersion} blocked={blocked} />
    </div>
  );
}

function Section({ id, title, lines }: { id: string; title: string; lines: Line[] }) {
  if (lines.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-h`} className="max-w-3xl space-y-2">
      <h2 id={`${id}-h`} className="text-xl font-semibold">
        {title} ({lines.length})
      </h2>
      <ul className="list-disc space-y-1 pl-5" data-testid={`changes-${id}`}>
        {lines.map((l) => (
          <li key={l.key} className="break-words">
            <strong>{l.subject}</strong>: {l.text}.
          </li>
        ))}
      </ul>
    </section>
  );
}

function FitSummary({ target, current }: { target: FitMoves; current: FitMoves }) {
  if (target.people + current.people === 0) return null;
  const line = (m: FitMoves, whose: string) =>
    m.people === 0
      ? null
      : `Of ${plural(m.people, "person", "people")} whose ${whose} role changes, ${m.down} would see their fit fall, ${m.up} rise and ${m.unchanged} stay the same.`;
  return (
    <section aria-labelledby="fits-h" className="max-w-3xl space-y-2">
      <h2 id="fits-h" className="text-xl font-semibold">
        Fit to role
      </h2>
      <p className="text-sm text-slate-700">
        Each person&apos;s fit is worked out from their current levels, under the published taxonomy and under the
        draft.
      </p>
      <ul className="list-disc space-y-1 pl-5">
        {[line(target, "target"), line(current, "current")].filter(Boolean).map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </section>
  );
}

/** The counts again as a table (a screen reader can walk it by column); it scrolls sideways inside its frame. */
function PeopleTable({ preview }: { preview: NonNullable<Awaited<ReturnType<typeof previewDraft>>> }) {
  const { people } = preview;
  if (people.roles.length + people.retiredSkills.length === 0) return null;
  const fit = (m: FitMoves, id: string) => m.byRole.find((r) => r.roleId === id);
  const moveText = (r: ReturnType<typeof fit>) =>
    r
      ? `${r.down} down, ${r.up} up${r.biggestDown < 0 ? ` (largest fall ${Math.abs(r.biggestDown)} points)` : ""}`
      : "—";
  return (
    <section aria-labelledby="counts-h" className="space-y-2">
      <h2 id="counts-h" className="text-xl font-semibold">
        People each change touches
      </h2>
      <div
        role="region"
        aria-label="People each change touches (scrolls sideways)"
        tabIndex={0}
        className="relative max-w-full overflow-x-auto rounded border border-slate-200"
      >
        <table className="w-full min-w-[40rem] bg-white text-left text-sm">
          <thead>
            <tr className="border-b">
              <th scope="col" className="p-2">
                Role or skill
              </th>
              <th scope="col" className="p-2">
                Hold it
              </th>
              <th scope="col" className="p-2">
                Target it
              </th>
              <th scope="col" className="p-2">
                Fit to target role
              </th>
              <th scope="col" className="p-2">
                Fit to current role
              </th>
            </tr>
          </thead>
          <tbody>
            {people.roles.map((r) => (
              <tr key={r.roleId} className="border-b border-slate-100 align-top">
                <th scope="row" className="p-2 font-medium break-words">
                  {r.title}
                  {preview.diff.roles.retired.some((x) => x.id === r.roleId) ? " (retired)" : ""}
                </th>
                <td className="p-2">{r.hold}</td>
                <td className="p-2">{r.target}</td>
                <td className="p-2">{moveText(fit(people.fits.target, r.roleId))}</td>
                <td className="p-2">{moveText(fit(people.fits.current, r.roleId))}</td>
              </tr>
            ))}
            {people.retiredSkills.map((s) => (
              <tr key={s.skillId} className="border-b border-slate-100 align-top">
                <th scope="row" className="p-2 font-medium break-words">
                  {s.name} (retired skill)
                </th>
                <td className="p-2" colSpan={4}>
                  {plural(s.people, "person has", "people have")} rated it; the ratings are kept.
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
