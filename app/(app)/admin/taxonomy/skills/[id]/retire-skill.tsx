"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { retireSkillAction } from "../../actions";
import { button, danger } from "../../styles";

const listed = (xs: string[]) =>
  xs.length <= 3 ? xs.join(", ") : `${xs.slice(0, 3).join(", ")} and ${xs.length - 3} more`;

/** Retires the skill in the draft, after a second press that says what else changes. */
export function RetireSkill({
  revision,
  skill,
  roles,
  unlocks,
  certifications,
}: {
  revision: number;
  skill: { id: string; name: string };
  roles: string[];
  unlocks: string[];
  certifications: { name: string; only: boolean }[];
}) {
  const router = useRouter();
  const form = useActionForm(retireSkillAction, {
    onSuccess: () => router.push(`/admin/taxonomy?retired=${encodeURIComponent(skill.id)}`),
  });
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const consequences = [
    roles.length
      ? `It is taken out of the requirements of ${roles.length} role${roles.length === 1 ? "" : "s"} (${listed(roles)}).`
      : "",
    unlocks.length ? `It stops being a prerequisite of ${listed(unlocks)}.` : "",
    certifications.some((c) => !c.only)
      ? `Certifications that also evidence other skills keep those: ${listed(certifications.filter((c) => !c.only).map((c) => c.name))}.`
      : "",
    certifications.some((c) => c.only)
      ? `Certifications that evidence only this skill are retired too: ${listed(certifications.filter((c) => c.only).map((c) => c.name))}.`
      : "",
  ].filter(Boolean);
  return (
    <section
      aria-labelledby="retire-h"
      className="max-w-3xl space-y-3 rounded-lg border border-red-200 bg-white p-3 sm:p-4"
    >
      <h2 id="retire-h" className="text-xl font-semibold">
        Retire this skill
      </h2>
      <p className="text-slate-700">
        A retired skill disappears from pages and searches once the draft is published. People keep their ratings of it.
      </p>
      <div className="flex flex-wrap items-start gap-2">
        <button
          type="button"
          className={button}
          aria-expanded={confirming}
          onClick={() => {
            setConfirming((c) => !c);
            setTimeout(() => confirmRef.current?.focus(), 0);
          }}
        >
          {confirming ? "Keep the skill" : `Retire ${skill.name}…`}
        </button>
      </div>
      {confirming && (
        <div id="retire-confirm" className="space-y-2 rounded border border-red-200 bg-red-50 p-3">
          {consequences.length > 0 && (
            <ul className="list-disc pl-5 break-words">
              {consequences.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
          <button
            ref={confirmRef}
            type="button"
            disabled={form.pending}
            className={`${danger} break-words`}
            onClick={(e) => void form.submit({ revision, skillId: skill.id }, e.currentTarget)}
          >
            Retire {skill.name} in the draft
          </button>
        </div>
      )}
      <FormMessage error={form.formError} />
    </section>
  );
}
