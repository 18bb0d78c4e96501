"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { cancelInvitationAction, inviteAction, removeMemberAction, setTargetAction } from "../actions";

type Props = {
  audit: {
    teamId: string;
    isAdmin: boolean;
    people: { userId: string; name: string; email: string; role: string; since: Date }[];
    invitations: { id: string; email: string; role: string; createdAt: Date }[];
    targetRoles: { roleId: string; count: number }[];
    targetSkills: { skillId: string; level: number; count: number }[];
    audit: { id: string; action: string; data: unknown; createdAt: Date; actor: string }[];
  };
  roles: { id: string; title: string }[];
  skills: { id: string; name: string }[];
};

export function TeamAdmin({ audit, roles, skills }: Props) {
  const router = useRouter();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [mix, setMix] = useState(audit.targetRoles);
  const [explicit, setExplicit] = useState(audit.targetSkills);
  const done = (r: { ok: boolean; message?: string }, okText: string) => {
    setMsg(r.ok ? { ok: true, text: okText } : { ok: false, text: r.message ?? "Something went wrong." });
    if (r.ok) router.refresh();
  };
  const input = "rounded border border-slate-400 px-2 py-1";
  return (
    <section aria-labelledby="manage-h" className="space-y-6 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="manage-h" className="text-xl font-semibold">Manage the team</h2>
      {msg && <p role={msg.ok ? "status" : "alert"} className={msg.ok ? "text-green-800" : "text-red-800"}>{msg.text}</p>}

      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const r = await inviteAction({ teamId: audit.teamId, ...Object.fromEntries(new FormData(form)) });
          if (r.ok) form.reset();
          done(r, r.ok && r.data.status === "updated" ? "Role updated." : "Invitation sent: it joins them when they sign up or sign in.");
        }}
      >
        <div>
          <label htmlFor="invite-email" className="block text-sm font-medium">Invite by email</label>
          <input id="invite-email" name="email" type="email" required className={input} />
        </div>
        {audit.isAdmin && (
          <div>
            <label htmlFor="invite-role" className="block text-sm font-medium">As</label>
            <select id="invite-role" name="role" className={input} defaultValue="member">
              <option value="member">member</option>
              <option value="manager">manager</option>
            </select>
          </div>
        )}
        <button className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white">Invite</button>
      </form>

      <div>
        <h3 className="font-semibold">People</h3>
        <ul className="mt-2 divide-y divide-slate-100">
          {audit.people.map((p) => (
            <li key={p.userId} className="flex items-center justify-between gap-3 py-1.5">
              <span>{p.name} <span className="text-sm text-slate-600">({p.email}, {p.role})</span></span>
              {(p.role === "member" || audit.isAdmin) && (
                <button type="button" className="text-sm text-red-800 underline" onClick={async () => {
                  if (!confirm(`Remove ${p.name} from the team?`)) return;
                  done(await removeMemberAction({ teamId: audit.teamId, userId: p.userId }), `${p.name} was removed.`);
                }}>
                  Remove<span className="sr-only"> {p.name}</span>
                </button>
              )}
            </li>
          ))}
          {audit.invitations.map((i) => (
            <li key={i.id} className="flex items-center justify-between gap-3 py-1.5">
              <span>{i.email} <span className="text-sm text-slate-600">(invited as {i.role}, pending)</span></span>
              <button type="button" className="text-sm underline" onClick={async () => done(await cancelInvitationAction({ teamId: audit.teamId, invitationId: i.id }), "Invitation cancelled.")}>
                Cancel<span className="sr-only"> invitation for {i.email}</span>
              </button>
            </li>
          ))}
        </ul>
      </div>

      <form
        className="space-y-3"
        onSubmit={async (e) => {
          e.preventDefault();
          done(await setTargetAction({ teamId: audit.teamId, roles: mix, skills: explicit }), "Target profile saved.");
        }}
      >
        <h3 className="font-semibold">Target profile</h3>
        <p className="text-sm text-slate-700">State what the team needs: a mix of roles (their requirements are combined), and/or explicit skills at a level.</p>
        {mix.map((m, i) => (
          <div key={i} className="flex flex-wrap items-end gap-2">
            <label className="text-sm">Role
              <select className={`${input} ml-1`} value={m.roleId} onChange={(e) => setMix(mix.map((x, j) => (j === i ? { ...x, roleId: e.target.value } : x)))}>
                {roles.map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}
              </select>
            </label>
            <label className="text-sm">People
              <input type="number" min={1} max={1000} className={`${input} ml-1 w-20`} value={m.count} onChange={(e) => setMix(mix.map((x, j) => (j === i ? { ...x, count: Number(e.target.value) } : x)))} />
            </label>
            <button type="button" className="text-sm underline" onClick={() => setMix(mix.filter((_, j) => j !== i))}>Remove role</button>
          </div>
        ))}
        <button type="button" className="text-sm underline" onClick={() => setMix([...mix, { roleId: roles[0].id, count: 1 }])}>Add a role</button>
        {explicit.map((s, i) => (
          <div key={i} className="flex flex-wrap items-end gap-2">
            <label className="text-sm">Skill
              <select className={`${input} ml-1`} value={s.skillId} onChange={(e) => setExplicit(explicit.map((x, j) => (j === i ? { ...x, skillId: e.target.value } : x)))}>
                {skills.map((k) => <option key={k.id} value={k.id}>{k.name}</option>)}
              </select>
            </label>
            <label className="text-sm">Level
              <input type="number" min={1} max={5} className={`${input} ml-1 w-16`} value={s.level} onChange={(e) => setExplicit(explicit.map((x, j) => (j === i ? { ...x, level: Number(e.target.value) } : x)))} />
            </label>
            <label className="text-sm">People
              <input type="number" min={1} max={1000} className={`${input} ml-1 w-20`} value={s.count} onChange={(e) => setExplicit(explicit.map((x, j) => (j === i ? { ...x, count: Number(e.target.value) } : x)))} />
            </label>
            <button type="button" className="text-sm underline" onClick={() => setExplicit(explicit.filter((_, j) => j !== i))}>Remove skill</button>
          </div>
        ))}
        <button type="button" className="ml-4 text-sm underline" onClick={() => setExplicit([...explicit, { skillId: skills[0].id, level: 3, count: 1 }])}>Add a skill</button>
        <div>
          <button className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white">Save target profile</button>
        </div>
      </form>

      <details>
        <summary className="cursor-pointer font-semibold">Change log</summary>
        <ul className="mt-2 space-y-1 text-sm">
          {audit.audit.map((a) => (
            <li key={a.id}>
              <time dateTime={new Date(a.createdAt).toISOString()}>{new Date(a.createdAt).toISOString().slice(0, 16).replace("T", " ")}</time> — {a.actor}: {a.action.replace(/^team\./, "").replaceAll(".", " ")} {summarise(a.data)}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

function summarise(data: unknown): string {
  if (!data || typeof data !== "object") return "";
  const d = data as Record<string, unknown>;
  return [d.email, d.role, d.name].filter((x) => typeof x === "string").join(", ");
}
