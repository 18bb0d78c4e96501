"use client";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { setFindabilityAction } from "./actions";

type Findability = "nobody" | "teams" | "organisation";

const OPTIONS: { value: Findability; label: string; help: string }[] = [
  {
    value: "nobody",
    label: "Nobody",
    help: "Colleagues cannot find you or open your profile. The managers of your teams and admins still can.",
  },
  {
    value: "teams",
    label: "My teams",
    help: "People who share a team with you can find you and open your profile. This is the default.",
  },
  {
    value: "organisation",
    label: "Everyone in the organisation",
    help: "Anyone signed in with a confirmed address who belongs to a team can find you and open your profile.",
  },
];

const LABEL: Record<Findability, string> = {
  nobody: "Nobody",
  teams: "My teams",
  organisation: "Everyone in the organisation",
};

/** "Who can find you": the finder and the profile page follow this setting. */
export function FindabilityForm({ value }: { value: Findability }) {
  const form = useActionForm(setFindabilityAction, {
    fields: ["findableBy"],
    resetOnSuccess: false,
    successMessage: (_data, input: { findableBy?: string }) =>
      `Saved. Who can find you: ${LABEL[input.findableBy as Findability] ?? "updated"}.`,
  });
  return (
    <form
      method="post"
      onSubmit={form.onSubmit}
      id="findability"
      aria-labelledby="findability-h"
      className="scroll-mt-4 space-y-3 rounded-lg border border-slate-200 bg-white p-5"
    >
      <h2 id="findability-h" className="text-lg font-semibold">
        Who can find you
      </h2>
      <p className="text-slate-700">
        This decides who sees you in <strong>Find people</strong> and who may open your profile (your ratings,
        certifications and endorsements). The managers of your teams and admins always see you.
      </p>
      <p data-testid="findability-current">
        Current setting: <strong>{LABEL[value]}</strong>
      </p>
      <fieldset aria-describedby="findableBy-error">
        <legend className="sr-only">Who can find you</legend>
        <div className="space-y-2">
          {OPTIONS.map((o) => (
            <label
              key={o.value}
              className="flex min-h-11 cursor-pointer items-start gap-3 rounded border border-slate-200 p-3"
            >
              <input
                type="radio"
                name="findableBy"
                value={o.value}
                defaultChecked={o.value === value}
                className="mt-1 h-5 w-5 shrink-0"
                aria-describedby={`findable-${o.value}-help`}
              />
              <span>
                <span className="block font-medium">{o.label}</span>
                <span id={`findable-${o.value}-help`} className="block text-sm text-slate-700">
                  {o.help}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <FieldError id="findableBy-error" messages={form.fieldErrors.findableBy} />
      <FormMessage error={form.formError} success={form.success} />
      <button
        className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60"
        disabled={form.pending}
      >
        Save who can find you
      </button>
    </form>
  );
}
