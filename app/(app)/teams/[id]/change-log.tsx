import type { TeamAudit } from "@/lib/data/team-audit";

/** The team's change log, newest first, collapsed: who did what, in UTC minutes. Server-rendered; no client state. */
export function ChangeLog({ entries }: { entries: TeamAudit["audit"] }) {
  return (
    <details>
      <summary className="min-h-11 cursor-pointer py-2.5 font-semibold">Change log</summary>
      <ul className="mt-2 space-y-1 text-sm">
        {entries.map((a) => (
          <li key={a.id}>
            <time dateTime={new Date(a.createdAt).toISOString()}>
              {new Date(a.createdAt).toISOString().slice(0, 16).replace("T", " ")}
            </time>{" "}
            — {a.actor}: {a.action.replace(/^team\./, "").replaceAll(".", " ")} {summarise(a.data)}
          </li>
        ))}
      </ul>
    </details>
  );
}

function summarise(data: unknown): string {
  if (!data || typeof data !== "object") return "";
  const d = data as Record<string, unknown>;
  return [d.email, d.role, d.name].filter((x) => typeof x === "string").join(", ");
}
