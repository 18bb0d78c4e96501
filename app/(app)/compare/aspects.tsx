import Link from "next/link";
import type { AspectCell, AspectItem, CompareAspect } from "@/lib/domain";

type RoleRef = { id: string; title: string };

const GRID = "sm:grid sm:grid-cols-[minmax(9rem,13rem)_minmax(0,1fr)_minmax(0,1fr)] sm:gap-x-6";

/**
 * Two roles side by side, one aspect per row: a three-column table on wide screens, stacked cards (aspect, then each
 * role labelled) on phones. One list in both layouts; the role labels in each cell are read by screen readers always.
 */
export function AspectsComparison({ aspects, a, b }: { aspects: CompareAspect[]; a: RoleRef; b: RoleRef }) {
  return (
    <div className="rounded border border-slate-200 bg-white" data-testid="compare-aspects">
      <div aria-hidden="true" className={`hidden border-b border-slate-300 p-3 text-sm font-semibold ${GRID}`}>
        <span>Aspect</span>
        <span>{a.title}</span>
        <span>{b.title}</span>
      </div>
      <dl>
        {aspects.map((x) => (
          <div
            key={x.key}
            className={`space-y-3 border-b border-slate-100 p-3 last:border-b-0 sm:space-y-0 ${GRID}`}
            data-testid={`aspect-${x.key}`}
          >
            <dt className="min-w-0">
              <span className="font-semibold">{x.label}</span>
              <span className="block text-xs text-slate-600">{x.basis}</span>
            </dt>
            <AspectValue cell={x.a} role={a} />
            <AspectValue cell={x.b} role={b} />
          </div>
        ))}
      </dl>
    </div>
  );
}

function AspectValue({ cell, role }: { cell: AspectCell; role: RoleRef }) {
  return (
    <dd className="min-w-0 break-words rounded bg-slate-50 p-2 text-sm sm:bg-transparent sm:p-0">
      <span className="block text-xs font-semibold text-slate-700 sm:sr-only">{role.title}</span>
      {cell.lines.length === 0 ? (
        <span className="italic text-slate-600">Not described</span>
      ) : (
        cell.lines.map((line, i) =>
          line.items.length === 1 && !line.items[0].roleId ? (
            <p key={i} className={i > 0 ? "mt-2" : undefined}>
              {line.label && <span className="font-medium">{line.label}: </span>}
              <Item item={line.items[0]} />
            </p>
          ) : (
            <div key={i} className={i > 0 ? "mt-2" : undefined}>
              {line.label && <p className="font-medium">{line.label}</p>}
              {/* Items can hold commas ("Servers, storage & hardware"), so they are chips, not a comma list. */}
              <ul className="mt-1 flex flex-wrap gap-1">
                {line.items.map((item, j) => (
                  <li key={j} className="rounded border border-slate-200 bg-white px-1.5 py-0.5">
                    <Item item={item} />
                  </li>
                ))}
              </ul>
            </div>
          ),
        )
      )}
    </dd>
  );
}

function Item({ item }: { item: AspectItem }) {
  return item.roleId ? (
    <Link className="text-brand-700 underline" href={`/roles/${item.roleId}`}>
      {item.text}
    </Link>
  ) : (
    <>{item.text}</>
  );
}
