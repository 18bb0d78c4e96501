"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FieldError } from "@/components/field-error";
import { cancelInvitationAction, changeRoleAction, inviteAction, removeMemberAction, setTargetAction } from "../actions";

type Props = {
  audit: {
    teamId: string;
    isAdmin: boolean;
    people: { userId: string; name: string; email: string; role: string; since: Date }[];
    invitations: { id: string; email: string; role: string; createdAt: Date; expiresAt: Date | null; state: "pending" | "expired" | "declined" }[];
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
  const [inviteErrors, setInviteErrors] = useState<Record<string, string[]>>({});
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
          const errors = r.ok ? {} : r.errors;
          setInviteErrors(errors);
          if (r.ok) form.reset();
          // A refusal about the address or role shows beside that field (focused), not again in the banner.
          const field = errors.email ? "email" : errors.role && audit.isAdmin ? "role" : null;
          if (field) {
            setMsg(null);
            form.querySelector<HTMLElement>(`#invite-${field}`)?.focus();
          } else done(r, r.ok ? `Invitation sent. They join once they accept it, by ${day(r.data.expiresAt)}.` : "");
        }}
      >
        <div>
          <label htmlFor="invite-email" className="block text-sm font-medium">Invite by email</label>
          <input id="invite-email" name="email" type="email" required className={input} aria-invalid={Boolean(inviteErrors.email)} aria-describedby="invite-email-error" />
          <FieldError id="invite-email-error" messages={inviteErrors.email} />
        </div>
        {audit.isAdmin && (
          <div>
            <label htmlFor="invite-role" className="block text-sm font-medium">As</label>
            <select id="invite-role" name="role" className={input} defaultValue="member" aria-invalid={Boolean(inviteErrors.role)} aria-describedby="invite-role-error">
              <option value="member">member</option>
              <option value="manager">manager</option>
            </select>
            <FieldError id="invite-role-error" messages={inviteErrors.role} />
          </div>
        )}
        <button className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white">Invite</button>
      </form>

      <div>
        <h3 className="font-semibold">People</h3>
        <ul className="mt-2 divide-y divide-slate-100">
          {audit.people.map((p) => (
            <li key={p.userId} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-1.5">
              <span className="min-w-0 break-words">{p.name} <span className="text-sm text-slate-600">({p.email}, {p.role})</span></span>
              <span className="flex flex-wrap items-center gap-3">
                {audit.isAdmin && (
                  <form
                    className="flex items-center gap-1"
                    onSubmit={async (e) => {
                      e.preventDefault();
                      const role = new FormData(e.currentTarget).get("role");
                      done(await changeRoleAction({ teamId: audit.teamId, userId: p.userId, role }), `${p.name} is now a ${String(role)}.`);
                    }}
                  >
                    <label htmlFor={`role-${p.userId}`} className="sr-only">Role of {p.name}</label>
                    <select id={`role-${p.userId}`} name="role" defaultValue={p.role} className="rounded border border-slate-400 px-1 py-0.5 text-sm">
                      <option value="member">member</option>
                      <option value="manager">manager</option>
                    </select>
                    <button className="text-sm underline">Change role<span className="sr-only"> of {p.name}</span></button>
                  </form>
                )}
                {(p.role === "member" || audit.isAdmin) && (
                  <button type="button" className="text-sm text-red-800 underline" onClick={async () => {
                    if (!confirm(`Remove ${p.name} from the team?`)) return;
                    done(await removeMemberAction({ teamId: audit.teamId, userId: p.userId }), `${p.name} was removed.`);
                  }}>
                    Remove<span className="sr-only"> {p.name}</span>
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      </div>

      <div>
        <h3 className="font-semibold">Invitations</h3>
        {audit.invitations.length === 0 ? (
          <p className="mt-1 text-sm text-slate-700">None open. Invited people join only once they accept, with a confirmed email address.</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {audit.invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-1.5">
                <span className="min-w-0 break-words">
                  {i.email}{" "}
                  <span className={`text-sm ${i.state === "pending" ? "text-slate-600" : "text-amber-900"}`}>
                    (as {i.role}, {i.state === "pending" ? `pending until ${day(i.expiresAt)}` : i.state === "expired" ? "expired" : "declined"})
                  </span>
                </span>
                <button type="button" className="text-sm underline" onClick={async () => done(await cancelInvitationAction({ teamId: audit.teamId, invitationId: i.id }), i.state === "pending" ? "Invitation cancelled." : "Invitation removed.")}>
                  {i.state === "pending" ? "Cancel" : "Remove"}<span className="sr-only"> invitation for {i.email}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
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

/** A calendar day, as the invitation mail states it (UTC, so server and browser agree). */
function day(d: Date | string | null): string {
  return d ? new Date(d).toISOString().slice(0, 10) : "";
}

function summarise(data: unknown): string {
  if (!data || typeof data !== "object") return "";
  const d = data as Record<string, unknown>;
  return [d.email, d.role, d.name].filter((x) => typeof x === "string").join(", ");
}
