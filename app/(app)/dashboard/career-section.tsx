import Link from "next/link";
import { CareerGraphDiagram } from "@/components/charts/career-graph";
import type { Dashboard } from "./dashboard-sections";

const moveText = { entry: "entry", progression: "progression", lateral: "lateral move" } as const;

/** Where I am, the route to my target and the roles one step on: a list on every screen, the graph from md up. */
export function CareerPaths({ d }: { d: Dashboard }) {
  const { route, next, graph } = d.career;
  const onRoute = new Set((route ?? []).map((s) => s.id));
  return (
    <section aria-labelledby="career-h">
      <h2 id="career-h" className="text-xl font-semibold">
        Where I am, and the paths out
      </h2>
      {route && (
        <div className="mt-2" data-testid="career-route">
          <p className="break-words">
            <strong>Your route:</strong> {route.map((s) => s.title).join(" → ")}
          </p>
          <ol className="mt-2 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-stretch" aria-label="Your route">
            {route.map((s, i) => (
              <li key={s.id} className="flex min-w-0 flex-col gap-1 sm:flex-row sm:items-center sm:gap-2">
                {s.via && (
                  <span className="text-sm text-slate-700">
                    <span aria-hidden="true" className="sm:hidden">
                      ↓{" "}
                    </span>
                    <span aria-hidden="true" className="hidden sm:inline">
                      →{" "}
                    </span>
                    {moveText[s.via]}
                  </span>
                )}
                <Link
                  href={`/roles/${s.id}`}
                  className={`inline-flex min-h-11 min-w-0 items-center rounded border-2 px-3 py-1 break-words ${
                    i === 0
                      ? "border-brand-900 bg-brand-700 font-semibold text-white"
                      : "border-brand-700 bg-brand-50 font-semibold text-brand-900"
                  }`}
                >
                  {s.title}
                  <span className="sr-only">
                    {i === 0 ? " (current role)" : i === route.length - 1 ? " (target)" : ""}
                  </span>
                </Link>
              </li>
            ))}
          </ol>
        </div>
      )}
      {d.currentRole && d.targetRole && !route && d.currentRole.id !== d.targetRole.id && (
        <p className="mt-2 text-slate-700">
          No career path leads from {d.currentRole.title} to {d.targetRole.title}: the paths only go forward and across.
          Both are shown below.
        </p>
      )}
      {d.currentRole && next.length > 0 && (
        <div className="mt-3">
          <h3 className="font-semibold">Next roles from {d.currentRole.title}</h3>
          <ul className="mt-1 flex flex-wrap gap-2" data-testid="next-roles">
            {next.map((n) => (
              <li key={n.id}>
                <Link
                  href={`/roles/${n.id}`}
                  className={`inline-flex min-h-11 items-center rounded border px-3 py-1 break-words underline ${
                    onRoute.has(n.id)
                      ? "border-brand-700 font-semibold text-brand-900"
                      : "border-slate-300 text-brand-700"
                  }`}
                >
                  {n.title}
                </Link>{" "}
                <span className="text-sm text-slate-700">
                  ({moveText[n.via]}
                  {onRoute.has(n.id) ? ", on your route" : ""})
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {/* On phones the lists above stand in for the graph, which needs about 600 px. */}
      <div className={route || next.length > 0 ? "mt-3 hidden md:block" : "mt-3"}>
        <CareerGraphDiagram
          graph={graph}
          title={
            route
              ? `Career paths from ${route[0]!.title} to ${route.at(-1)!.title}`
              : d.currentRole
                ? `Career paths around ${d.currentRole.title}`
                : "Career paths"
          }
        />
      </div>
      {!d.currentRole && <p className="text-sm text-slate-700">Set your current role to highlight where you are.</p>}
    </section>
  );
}
