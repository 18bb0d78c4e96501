"use client";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { linkScimGroupAction, unlinkScimGroupAction } from "./actions";

type Group = { id: string; name: string; linked: boolean };
type Team = { id: string; name: string };

const button =
  "min-h-11 rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60 break-words";

/** A group's actions: create a team from it, link it to a team no group feeds yet, or stop syncing. */
export function ScimGroupActions({ group, teams }: { group: Group; teams: Team[] }) {
  const linked = (d: { teamName: string; joined: number }) =>
    `${group.name} now feeds ${d.teamName}: ${d.joined} ${d.joined === 1 ? "person" : "people"} joined.`;
  const create = useActionForm(linkScimGroupAction, { successMessage: linked });
  const link = useActionForm(linkScimGroupAction, { fields: ["teamId"], successMessage: linked });
  const unlink = useActionForm(unlinkScimGroupAction, {
    successMessage: `${group.name} no longer feeds its team; the team keeps its people.`,
  });
  const pending = create.pending || link.pending || unlink.pending;
  if (group.linked)
    return (
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          className={button}
          disabled={pending}
          onClick={(e) => void unlink.submit({ groupId: group.id }, e.currentTarget)}
        >
          Stop syncing<span className="sr-only"> {group.name}</span>
        </button>
        <FormMessage className="basis-full text-sm" error={unlink.formError} success={create.success ?? link.success} />
      </div>
    );
  const selectId = `team-${group.id}`;
  return (
    <div className="space-y-3">
      <div>
        <button
          type="button"
          className={button}
          disabled={pending}
          onClick={(e) => void create.submit({ groupId: group.id, teamId: "new" }, e.currentTarget)}
        >
          Create a team from this group<span className="sr-only"> ({group.name})</span>
        </button>
        <FormMessage className="text-sm" error={create.formError} success={unlink.success} />
      </div>
      {teams.length > 0 && (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const teamId = String(new FormData(e.currentTarget).get("teamId") ?? "");
            void link.submit({ groupId: group.id, teamId }, e.currentTarget);
          }}
        >
          <div className="w-full min-w-0 sm:w-72">
            <label htmlFor={selectId} className="block text-sm font-medium">
              Link to existing team<span className="sr-only"> ({group.name})</span>
            </label>
            <select
              {...link.field("teamId", selectId)}
              className="min-h-11 w-full rounded border border-slate-400 px-3 py-2 aria-[invalid=true]:border-red-700"
            >
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            <FieldError id={`${selectId}-error`} messages={link.fieldErrors.teamId} />
          </div>
          <button type="submit" className={`${button} mb-6`} disabled={pending}>
            Link<span className="sr-only"> {group.name} to the chosen team</span>
          </button>
          <FormMessage className="basis-full text-sm" error={link.formError} />
        </form>
      )}
    </div>
  );
}
