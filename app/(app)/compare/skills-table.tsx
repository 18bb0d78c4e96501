import { describeNeed, type PersonSkillRow, type RoleNeed } from "@/lib/domain";

type RoleRef = { id: string; title: string };

/**
 * The person's level beside what each role needs: a table from `sm` up (in its own scroll box, so even a narrow
 * window never scrolls the page sideways), one card per skill on phones. Only one of the two is displayed.
 */
export function PersonSkillsTable({
  rows,
  a,
  b,
  caption,
  testId,
}: {
  rows: PersonSkillRow[];
  a: RoleRef;
  b: RoleRef;
  caption: string;
  testId?: string;
}) {
  const you = (r: PersonSkillRow) =>
    r.current === null ? <span className="text-slate-600">not rated</span> : r.current;
  return (
    <>
      <section
        aria-label={caption}
        className="rounded border border-slate-200 bg-white sm:hidden"
        data-testid={testId && `${testId}-cards`}
      >
        <h3 className="p-2 font-semibold">{caption}</h3>
        <ul>
          {rows.map((r) => (
            <li key={r.skill} className="border-t border-slate-100 p-2 text-sm">
              <p className="break-words font-medium">{r.name}</p>
              <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5">
                <dt className="text-slate-700">You</dt>
                <dd>{you(r)}</dd>
                <dt className="text-slate-700">{a.title}</dt>
                <NeedCell need={r.a} as="dd" />
                <dt className="text-slate-700">{b.title}</dt>
                <NeedCell need={r.b} as="dd" />
              </dl>
            </li>
          ))}
        </ul>
      </section>
      <div
        role="region"
        aria-label={caption}
        tabIndex={0}
        className="hidden overflow-x-auto rounded border border-slate-200 sm:block"
      >
        <table className="w-full bg-white text-left text-sm" data-testid={testId}>
          <caption className="p-2 text-left font-semibold">{caption}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="p-2">
                Skill
              </th>
              <th scope="col" className="p-2">
                You
              </th>
              <th scope="col" className="p-2">
                {a.title}
              </th>
              <th scope="col" className="p-2">
                {b.title}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.skill} className="border-b border-slate-100 align-top">
                <th scope="row" className="min-w-0 break-words p-2 font-normal">
                  {r.name}
                </th>
                <td className="p-2">{you(r)}</td>
                <NeedCell need={r.a} as="td" />
                <NeedCell need={r.b} as="td" />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function NeedCell({ need, as: Tag }: { need: RoleNeed | null; as: "td" | "dd" }) {
  const tone = !need ? "text-slate-600" : need.gap === 0 ? "text-green-800" : "font-medium text-amber-900";
  return <Tag className={`${Tag === "td" ? "p-2 " : ""}${tone}`}>{describeNeed(need)}</Tag>;
}
