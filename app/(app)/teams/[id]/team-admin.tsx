"use client";
import { useState, type ReactNode } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { headcount } from "@/lib/domain/team";
import {
  cancelInvitationAction,
  changeRoleAction,
  inviteAction,
  removeMemberAction,
  setTargetAction,
} from "../actions";
import type { ScaleLevel } from "@/lib/domain/types";
import { TargetProfile, control, textButton } from "./target-profile";

type Props = {
  audit: {
    teamId: string;
    isAdmin: boolean;
    people: { userId: string; name: string; email: string; role: string }[];
    invitations: {
      id: string;
      email: string;
      role: string;
      expiresAt: Date | null;
      state: "pending" | "expired" | "declined";
    }[];
    targetRoles: { roleId: string; count: number }[];
    targetSkills: { skillId: string; level: number; count: number }[];
  };
  /** The change log, rendered on the server (it needs no state): only its markup travels, not its rows twice. */
  changeLog: ReactNode;
  roles: { id: string; title: string }[];
  skills: { id: string; name: string }[];
  scale: readonly ScaleLevel[];
};

type Speaker = "invite" | "role" | "remove" | "cancel" | "target";

export function TeamAdmin({ audit, roles, skills, scale, changeLog }: Props) {
  const teamId = audit.teamId;
  const members = audit.people.filter((p) => p.role === "member").length;
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
  return (
    <section aria-labelledby="manage-h" className="space-y-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="manage-h" className="text-xl font-semibold">
        Manage the team
      </h2>
      {said && <FormMessage error={said.formError} success={said.success} />}

      <form
        method="post"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          setSpeaker("invite");
          invite.onSubmit(e);
        }}
      >
        <div className="w-full min-w-0 sm:w-auto">
          <label htmlFor="invite-email" className="block text-sm font-medium">
            Invite by email
          </label>
          <input
            {...invite.field("email", "invite-email")}
            type="email"
            required
            className={`${control} w-full sm:w-72`}
          />
          <FieldError id="invite-email-error" messages={invite.fieldErrors.email} />
        </div>
        {audit.isAdmin && (
          <div>
            <label htmlFor="invite-role" className="block text-sm font-medium">
              As
            </label>
            <select {...invite.field("role", "invite-role")} className={control} defaultValue="member">
              <option value="member">member</option>
              <option value="manager">manager</option>
            </select>
            <FieldError id="invite-role-error" messages={invite.fieldErrors.role} />
          </div>
        )}
        <button
          disabled={invite.pending}
          className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60"
        >
          Invite
        </button>
      </form>

      <div>
        <h3 className="font-semibold">People</h3>
        <p className="text-sm text-slate-700">{headcount(members, audit.people.length - members)}</p>
        <ul className="mt-2 divide-y divide-slate-100">
          {audit.people.map((p) => (
            <li key={p.userId} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-1.5">
              <span className="min-w-0 break-words">
                {p.name}{" "}
                <span className="text-sm break-words text-slate-600">
                  ({p.email}, {p.role})
                </span>
              </span>
              <span className="flex flex-wrap items-center gap-3">
                {audit.isAdmin && (
                  <form
                    method="post"
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
                    <select id={`role-${p.userId}`} name="role" defaultValue={p.role} className={`${control} text-sm`}>
                      <option value="member">member</option>
                      <option value="manager">manager</option>
                    </select>
                    <button disabled={role.pending} className={textButton}>
                      Change role<span className="sr-only"> of {p.name}</span>
                    </button>
                  </form>
                )}
                {(p.role === "member" || audit.isAdmin) && (
                  <button
                    type="button"
                    disabled={remove.pending}
                    className={`${textButton} text-red-800`}
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
        <h3 className="font-semibold">Invitations not accepted yet ({audit.invitations.length})</h3>
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
                  className={textButton}
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

      <TargetProfile
        mix={mix}
        setMix={setMix}
        explicit={explicit}
        setExplicit={setExplicit}
        roles={roles}
        skills={skills}
        scale={scale}
        errors={target.fieldErrors}
        pending={target.pending}
        onSubmit={(form) => void run("target", target.submit({ teamId, roles: mix, skills: explicit }, form))}
      />

      {changeLog}
    </section>
  );
}

/** A calendar day, as the invitation mail states it (UTC, so server and browser agree). */
function day(d: Date | string | null): string {
  return d ? new Date(d).toISOString().slice(0, 10) : "";
}
