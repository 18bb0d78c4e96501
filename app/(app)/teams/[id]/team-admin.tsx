"use client";
import { useState } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import {
  cancelInvitationAction,
  changeRoleAction,
  inviteAction,
  removeMemberAction,
  setTargetAction,
} from "../actions";

type Props = {
  audit: {
    teamId: string;
    isAdmin: boolean;
    people: { userId: string; name: string; email: string; role: string; since: Date }[];
    invitations: {
      id: string;
      email: string;
      role: string;
      createdAt: Date;
      expiresAt: Date | null;
      state: "pending" | "expired" | "declined";
    }[];
    targetRoles: { roleId: string; count: number }[];
    targetSkills: { skillId: string; level: number; count: number }[];
    audit: { id: string; action: string; data: unknown; createdAt: Date; actor: string }[];
  };
  roles: { id: string; title: string }[];
  skills: { id: string; name: string }[];
};

type Speaker = "invite" | "role" | "remove" | "cancel" | "target";

export function TeamAdmin({ audit, roles, skills }: Props) {
  const teamId = audit.teamId;
  const [mix, setMix] = useState(audit.targetRoles);
  const [explicit, setExplicit] = useState(audit.targetSkills);
  const nameOf = (userId: string) => audit.people.find((p) => p.userId === userId)?.name ?? "They";
  const stateOf = (invitationId: string) => audit.invitations.find((i) => i.id === invitationId)?.state;
  const invite = useActionForm(inviteAction, {
    fields: audit.isAdmin ? ["email", "role"] : ["email"],
    toInput: (fd) => ({ teamId, ...Object.fromEntries(fd) }),
    successMessage: (r) => `Invitation sent. They join once they accept it, by ${day(r.expiresAt)}.`,
  });
  const role = useActionForm(changeRoleAction, {
    successMessage: (_r, i: { teamId: string; userId: string; role: string }) =>
      `${nameOf(i.userId)} is now a ${String(i.role)}.`,
  });
  const remove = useActionForm(removeMemberAction, {
    successMessage: (_r, i: { teamId: string; userId: string }) => `${nameOf(i.userId)} was removed.`,
  });
  const cancel = useActionForm(cancelInvitationAction, {
    successMessage: (_r, i: { teamId: string; invitationId: string }) =>
      stateOf(i.invitationId) === "pending" ? "Invitation cancelled." : "Invitation removed.",
  });
  const targetFields = [
    ...mix.flatMap((_, i) => [`roles.${i}.roleId`, `roles.${i}.count`]),
    ...explicit.flatMap((_, i) => [`skills.${i}.skillId`, `skills.${i}.level`, `skills.${i}.count`]),
  ];
  const target = useActionForm(setTargetAction, { fields: targetFields, successMessage: "Target profile saved." });
  // One line under the heading speaks for the last thing done; the invite form's field errors stay beside its fields.
  const [speaker, setSpeaker] = useState<Speaker | null>(null);
  const forms = { invite, role, remove, cancel, target };
  const said = speaker ? forms[speaker] : null;
  const run = <R,>(who: Speaker, p: Promise<R>) => {
    setSpeaker(who);
    return p;
  };
  const rowError = (keys: string[]) =>
    keys.map((k) => target.fieldErrors[k]?.[0]).filter((m): m is string => Boolean(m));
  const input = "rounded border border-slate-400 px-2 py-1";
  return (
    <section aria-labelledby="manage-h" className="space-y-6 rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="manage-h" className="text-xl font-semibold">
        Manage the team
      </h2>
      {said && <FormMessage error={said.formError} success={said.success} />}

      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          setSpeaker("invite");
          invite.onSubmit(e);
        }}
      >
        <div>
          <label htmlFor="invite-email" className="block text-sm font-medium">
            Invite by email
          </label>
          <input {...invite.field("email", "invite-email")} type="email" required className={input} />
          <FieldError id="invite-email-error" messages={invite.fieldErrors.email} />
        </div>
        {audit.isAdmin && (
          <div>
            <label htmlFor="invite-role" className="block text-sm font-medium">
              As
            </label>
            <select {...invite.field("role", "invite-role")} className={input} defaultValue="member">
              <option value="member">member</option>
              <option value="manager">manager</option>
            </select>
            <FieldError id="invite-role-error" messages={invite.fieldErrors.role} />
          </div>
        )}
        <button
          disabled={invite.pending}
          className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white disabled:opacity-60"
        >
          Invite
        </button>
      </form>

      <div>
        <h3 className="font-semibold">People</h3>
        <ul className="mt-2 divide-y divide-slate-100">
          {audit.people.map((p) => (
            <li key={p.userId} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-1.5">
              <span className="min-w-0 break-words">
                {p.name}{" "}
                <span className="text-sm text-slate-600">
                  ({p.email}, {p.role})
                </span>
              </span>
              <span className="flex flex-wrap items-center gap-3">
                {audit.isAdmin && (
                  <form
                    className="flex items-center gap-1"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void run(
                        "role",
                        role.submit({
                          teamId,
                          userId: p.userId,
                          role: String(new FormData(e.currentTarget).get("role")),
                        }),
                      );
                    }}
                  >
                    <label htmlFor={`role-${p.userId}`} className="sr-only">
                      Role of {p.name}
                    </label>
                    <select
                      id={`role-${p.userId}`}
                      name="role"
                      defaultValue={p.role}
                      className="rounded border border-slate-400 px-1 py-0.5 text-sm"
                    >
                      <option value="member">member</option>
                      <option value="manager">manager</option>
                    </select>
                    <button disabled={role.pending} className="text-sm underline">
                      Change role<span className="sr-only"> of {p.name}</span>
                    </button>
                  </form>
                )}
                {(p.role === "member" || audit.isAdmin) && (
                  <button
                    type="button"
                    disabled={remove.pending}
                    className="text-sm text-red-800 underline"
                    onClick={() => {
                      if (!confirm(`Remove ${p.name} from the team?`)) return;
                      void run("remove", remove.submit({ teamId, userId: p.userId }));
                    }}
                  >
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
          <p className="mt-1 text-sm text-slate-700">
            None open. Invited people join only once they accept, with a confirmed email address.
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100">
            {audit.invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-1.5">
                <span className="min-w-0 break-words">
                  {i.email}{" "}
                  <span className={`text-sm ${i.state === "pending" ? "text-slate-600" : "text-amber-900"}`}>
                    (as {i.role},{" "}
                    {i.state === "pending"
                      ? `pending until ${day(i.expiresAt)}`
                      : i.state === "expired"
                        ? "expired"
                        : "declined"}
                    )
                  </span>
                </span>
                <button
                  type="button"
                  disabled={cancel.pending}
                  className="text-sm underline"
                  onClick={() => void run("cancel", cancel.submit({ teamId, invitationId: i.id }))}
                >
                  {i.state === "pending" ? "Cancel" : "Remove"}
                  <span className="sr-only"> invitation for {i.email}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void run("target", target.submit({ teamId, roles: mix, skills: explicit }, e.currentTarget));
        }}
      >
        <h3 className="font-semibold">Target profile</h3>
        <p className="text-sm text-slate-700">
          State what the team needs: a mix of roles (their requirements are combined), and/or explicit skills at a
          level.
        </p>
        {mix.map((m, i) => (
          <div key={i} className="flex flex-wrap items-end gap-2">
            <label className="text-sm">
              Role
              <select
                className={`${input} ml-1`}
                aria-invalid={Boolean(target.fieldErrors[`roles.${i}.roleId`])}
                aria-describedby={`target-role-${i}-error`}
                value={m.roleId}
                onChange={(e) => setMix(mix.map((x, j) => (j === i ? { ...x, roleId: e.target.value } : x)))}
              >
                {roles.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.title}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              People
              <input
                type="number"
                min={1}
                max={1000}
                className={`${input} ml-1 w-20`}
                aria-invalid={Boolean(target.fieldErrors[`roles.${i}.count`])}
                aria-describedby={`target-role-${i}-error`}
                value={m.count}
                onChange={(e) => setMix(mix.map((x, j) => (j === i ? { ...x, count: Number(e.target.value) } : x)))}
              />
            </label>
            <button type="button" className="text-sm underline" onClick={() => setMix(mix.filter((_, j) => j !== i))}>
              Remove role
            </button>
            <FieldError id={`target-role-${i}-error`} messages={rowError([`roles.${i}.roleId`, `roles.${i}.count`])} />
          </div>
        ))}
        <button
          type="button"
          className="text-sm underline"
          onClick={() => setMix([...mix, { roleId: roles[0].id, count: 1 }])}
        >
          Add a role
        </button>
        {explicit.map((s, i) => (
          <div key={i} className="flex flex-wrap items-end gap-2">
            <label className="text-sm">
              Skill
              <select
                className={`${input} ml-1`}
                aria-invalid={Boolean(target.fieldErrors[`skills.${i}.skillId`])}
                aria-describedby={`target-skill-${i}-error`}
                value={s.skillId}
                onChange={(e) => setExplicit(explicit.map((x, j) => (j === i ? { ...x, skillId: e.target.value } : x)))}
              >
                {skills.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="text-sm">
              Level
              <input
                type="number"
                min={1}
                max={5}
                className={`${input} ml-1 w-16`}
                aria-invalid={Boolean(target.fieldErrors[`skills.${i}.level`])}
                aria-describedby={`target-skill-${i}-error`}
                value={s.level}
                onChange={(e) =>
                  setExplicit(explicit.map((x, j) => (j === i ? { ...x, level: Number(e.target.value) } : x)))
                }
              />
            </label>
            <label className="text-sm">
              People
              <input
                type="number"
                min={1}
                max={1000}
                className={`${input} ml-1 w-20`}
                aria-invalid={Boolean(target.fieldErrors[`skills.${i}.count`])}
                aria-describedby={`target-skill-${i}-error`}
                value={s.count}
                onChange={(e) =>
                  setExplicit(explicit.map((x, j) => (j === i ? { ...x, count: Number(e.target.value) } : x)))
                }
              />
            </label>
            <button
              type="button"
              className="text-sm underline"
              onClick={() => setExplicit(explicit.filter((_, j) => j !== i))}
            >
              Remove skill
            </button>
            <FieldError
              id={`target-skill-${i}-error`}
              messages={rowError([`skills.${i}.skillId`, `skills.${i}.level`, `skills.${i}.count`])}
            />
          </div>
        ))}
        <button
          type="button"
          className="ml-4 text-sm underline"
          onClick={() => setExplicit([...explicit, { skillId: skills[0].id, level: 3, count: 1 }])}
        >
          Add a skill
        </button>
        <div>
          <button
            disabled={target.pending}
            className="rounded bg-brand-700 px-3 py-1.5 font-medium text-white disabled:opacity-60"
          >
            Save target profile
          </button>
        </div>
      </form>

      <details>
        <summary className="cursor-pointer font-semibold">Change log</summary>
        <ul className="mt-2 space-y-1 text-sm">
          {audit.audit.map((a) => (
            <li key={a.id}>
              <time dateTime={new Date(a.createdAt).toISOString()}>
                {new Date(a.createdAt).toISOString().slice(0, 16).replace("T", " ")}
              </time>{" "}
              — {a.actor}: {a.action.replace(/^team\./, "").replaceAll(".", " ")} {summarise(a.data)}
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
