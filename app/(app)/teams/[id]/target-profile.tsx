"use client";
import type { ReactNode } from "react";
import { FieldError } from "@/components/field-error";
import { LevelPicker } from "@/components/level-picker";
import type { ScaleLevel } from "@/lib/domain/types";

export type RoleTarget = { roleId: string; count: number };
export type SkillTarget = { skillId: string; level: number; count: number };

type Props = {
  mix: RoleTarget[];
  setMix: (mix: RoleTarget[]) => void;
  explicit: SkillTarget[];
  setExplicit: (explicit: SkillTarget[]) => void;
  roles: { id: string; title: string }[];
  skills: { id: string; name: string }[];
  scale: readonly ScaleLevel[];
  errors: Record<string, string[]>;
  pending: boolean;
  onSubmit: (form: HTMLFormElement) => void;
};

export const control = "min-h-11 max-w-full rounded border border-slate-400 bg-white px-2 py-1";
export const textButton = "inline-flex min-h-11 items-center text-sm underline";

/** The team's target profile: a mix of roles (their requirements combine) and/or skills at a level. */
export function TargetProfile(p: Props) {
  const update = <T,>(list: T[], i: number, patch: Partial<T>) =>
    list.map((x, j) => (j === i ? { ...x, ...patch } : x));
  const invalid = (key: string) => Boolean(p.errors[key]);
  return (
    <form
      method="post"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        p.onSubmit(e.currentTarget);
      }}
    >
      <h3 className="font-semibold">Target profile</h3>
      <p className="text-sm text-slate-700">
        State what the team needs: a mix of roles (their requirements are combined), and/or explicit skills at a level.
        The team page measures gaps and single holders against it.
      </p>
      {p.mix.map((m, i) => (
        <TargetRow
          key={`role-${i}`}
          errorId={`target-role-${i}-error`}
          messages={[`roles.${i}.roleId`, `roles.${i}.count`].flatMap((k) => p.errors[k]?.slice(0, 1) ?? [])}
          removeLabel={`Remove role ${p.roles.find((r) => r.id === m.roleId)?.title ?? ""}`}
          onRemove={() => p.setMix(p.mix.filter((_, j) => j !== i))}
        >
          <Field label="Role">
            <select
              className={control}
              aria-invalid={invalid(`roles.${i}.roleId`)}
              aria-describedby={`target-role-${i}-error`}
              value={m.roleId}
              onChange={(e) => p.setMix(update(p.mix, i, { roleId: e.target.value }))}
            >
              {p.roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.title}
                </option>
              ))}
            </select>
          </Field>
          <People
            value={m.count}
            invalid={invalid(`roles.${i}.count`)}
            errorId={`target-role-${i}-error`}
            onChange={(count) => p.setMix(update(p.mix, i, { count }))}
          />
        </TargetRow>
      ))}
      {p.explicit.map((s, i) => {
        const name = p.skills.find((k) => k.id === s.skillId)?.name ?? "";
        return (
          <TargetRow
            key={`skill-${i}`}
            errorId={`target-skill-${i}-error`}
            messages={[`skills.${i}.skillId`, `skills.${i}.level`, `skills.${i}.count`].flatMap(
              (k) => p.errors[k]?.slice(0, 1) ?? [],
            )}
            removeLabel={`Remove skill ${name}`}
            onRemove={() => p.setExplicit(p.explicit.filter((_, j) => j !== i))}
          >
            <Field label="Skill">
              <select
                className={control}
                aria-invalid={invalid(`skills.${i}.skillId`)}
                aria-describedby={`target-skill-${i}-error`}
                value={s.skillId}
                onChange={(e) => p.setExplicit(update(p.explicit, i, { skillId: e.target.value }))}
              >
                {p.skills.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.name}
                  </option>
                ))}
              </select>
            </Field>
            <div className="min-w-0">
              <span className="block text-sm" aria-hidden="true">
                Level
              </span>
              <LevelPicker
                name={`target-skill-${i}-level`}
                label={`Level needed for ${name}`}
                scale={p.scale.filter((l) => l.level > 0)}
                value={s.level}
                onChange={(level) => p.setExplicit(update(p.explicit, i, { level }))}
                invalid={invalid(`skills.${i}.level`)}
                describedBy={`target-skill-${i}-error`}
                compact
              />
            </div>
            <People
              value={s.count}
              invalid={invalid(`skills.${i}.count`)}
              errorId={`target-skill-${i}-error`}
              onChange={(count) => p.setExplicit(update(p.explicit, i, { count }))}
            />
          </TargetRow>
        );
      })}
      <div className="flex flex-wrap gap-x-6">
        <button
          type="button"
          className={textButton}
          onClick={() => p.setMix([...p.mix, { roleId: p.roles[0].id, count: 1 }])}
        >
          Add a role
        </button>
        <button
          type="button"
          className={textButton}
          onClick={() => p.setExplicit([...p.explicit, { skillId: p.skills[0].id, level: 3, count: 1 }])}
        >
          Add a skill
        </button>
      </div>
      <button
        disabled={p.pending}
        className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60"
      >
        Save target profile
      </button>
    </form>
  );
}

/** One line of the target profile: its controls, a remove button and the line's first error. */
function TargetRow(props: {
  children: ReactNode;
  errorId: string;
  messages: string[];
  removeLabel: string;
  onRemove: () => void;
}) {
  return (
    <div className="rounded border border-slate-200 p-3">
      <div className="flex flex-wrap items-end gap-3">
        {props.children}
        <button type="button" className={textButton} onClick={props.onRemove} aria-label={props.removeLabel}>
          Remove
        </button>
      </div>
      <FieldError id={props.errorId} messages={props.messages} />
    </div>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="block min-w-0 text-sm">
      <span className="block">{label}</span>
      {children}
    </label>
  );
}

function People(props: { value: number; invalid: boolean; errorId: string; onChange: (n: number) => void }) {
  return (
    <Field label="People">
      <input
        type="number"
        min={1}
        max={1000}
        className={`${control} w-24`}
        aria-invalid={props.invalid}
        aria-describedby={props.errorId}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
    </Field>
  );
}
