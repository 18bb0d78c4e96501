"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { setRolesAction } from "../actions";

type RoleOption = { id: string; title: string; track: string };

export function RolePicker({ roles, currentRoleId, targetRoleId }: { roles: RoleOption[]; currentRoleId: string | null; targetRoleId: string | null }) {
  const router = useRouter();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const sorted = [...roles].sort((a, b) => a.title.localeCompare(b.title));
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const res = await setRolesAction(Object.fromEntries(new FormData(e.currentTarget)));
    setStatus(res.ok ? { ok: true, text: "Roles saved." } : { ok: false, text: res.message });
    if (res.ok) router.refresh();
  }
  const select = "mt-1 w-full rounded border border-slate-400 bg-white px-3 py-2";
  return (
    <form onSubmit={onSubmit} className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-[1fr_1fr_auto] md:items-end" aria-label="My roles">
      <div>
        <label htmlFor="currentRoleId" className="font-medium">
          Current role <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <select id="currentRoleId" name="currentRoleId" defaultValue={currentRoleId ?? ""} className={select}>
          <option value="">— none —</option>
          {sorted.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="targetRoleId" className="font-medium">
          Target role <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <select id="targetRoleId" name="targetRoleId" defaultValue={targetRoleId ?? ""} className={select}>
          <option value="">— none —</option>
          {sorted.map((r) => (
            <option key={r.id} value={r.id}>
              {r.title}
            </option>
          ))}
        </select>
      </div>
      <div>
        <button className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">Save roles</button>
      </div>
      {status && (
        <p role={status.ok ? "status" : "alert"} className={`md:col-span-3 ${status.ok ? "text-green-800" : "text-red-800"}`}>
          {status.text}
        </p>
      )}
    </form>
  );
}
