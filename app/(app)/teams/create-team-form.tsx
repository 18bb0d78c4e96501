"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FieldError } from "@/components/field-error";
import { createTeamAction } from "./actions";

export function CreateTeamForm() {
  const router = useRouter();
  const [res, setRes] = useState<{ ok: boolean; message: string; errors: Record<string, string[]> } | null>(null);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const r = await createTeamAction(Object.fromEntries(new FormData(form)));
    if (r.ok) {
      form.reset();
      router.push(`/teams/${r.data.id}`);
    } else setRes({ ok: false, message: r.message, errors: r.errors });
  }
  const input = "mt-1 w-full rounded border border-slate-400 px-3 py-2";
  return (
    <form onSubmit={onSubmit} className="max-w-xl space-y-3 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="new-team-h">
      <h2 id="new-team-h" className="text-xl font-semibold">
        Create a team
      </h2>
      <div>
        <label htmlFor="team-name" className="font-medium">Team name</label>
        <input id="team-name" name="name" className={input} aria-describedby="team-name-error" />
        <FieldError id="team-name-error" messages={res?.errors.name} />
      </div>
      <div>
        <label htmlFor="team-description" className="font-medium">Description <span className="font-normal text-slate-600">(optional)</span></label>
        <input id="team-description" name="description" className={input} />
      </div>
      <div>
        <label htmlFor="team-manager" className="font-medium">Manager&apos;s email <span className="font-normal text-slate-600">(optional; invited if new)</span></label>
        <input id="team-manager" name="managerEmail" type="email" className={input} aria-describedby="team-manager-error" />
        <FieldError id="team-manager-error" messages={res?.errors.managerEmail} />
      </div>
      {res && !res.ok && <p role="alert" className="text-red-800">{res.message}</p>}
      <button className="rounded bg-brand-700 px-4 py-2 font-medium text-white">Create team</button>
    </form>
  );
}
