import type { Importance, PathKind, Role } from "@/lib/domain/types";

const importanceStyle: Record<Importance, string> = {
  core: "bg-brand-700 text-white",
  important: "bg-brand-100 text-brand-900",
  bonus: "bg-slate-200 text-slate-800",
};

export function ImportanceBadge({ importance }: { importance: Importance }) {
  return (
    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${importanceStyle[importance]}`}>{importance}</span>
  );
}

export const trackLabel: Record<Role["track"], string> = { infrastructure: "Infrastructure", platform: "Platform" };
export const kindLabel: Record<Role["kind"], string> = {
  ic: "Individual contributor",
  manager: "Manager",
  executive: "Executive",
};
export const pathLabel: Record<PathKind, string> = {
  entry: "entry point",
  progression: "progression",
  lateral: "lateral move",
};

export function formatSalary(s: Role["salary"]): string | null {
  if (!s) return null;
  const f = new Intl.NumberFormat("en-US", { style: "currency", currency: s.currency, maximumFractionDigits: 0 });
  return `${f.format(s.min)} – ${f.format(s.max)} a year`;
}

/** "Source: <title>" for a role or skill; titles come from the source catalogue (see sourceTitles). */
export function SourceNote({ titles }: { titles: string[] }) {
  if (titles.length === 0) return null;
  return (
    <p className="mt-2 text-sm break-words text-slate-600">
      {titles.length === 1 ? "Source" : "Sources"}: {titles.join("; ")}
    </p>
  );
}
