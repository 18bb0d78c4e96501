"use client";
import type { ScaleLevel } from "@/lib/domain/types";

/**
 * The one way to pick a level on the 0–5 scale, used wherever a person rates (their skills, a review's assessments).
 * A radio group drawn as chips: arrow keys move between levels, each chip is a 44 px touch target, and `value: null`
 * means "not rated" (no chip selected), which is not the same as a deliberate 0.
 */
export function LevelPicker({
  name,
  label,
  scale,
  value,
  onChange,
  invalid = false,
  describedBy,
  disabled = false,
  compact = false,
}: {
  /** The radio group's name: unique on the page. */
  name: string;
  /** The group's accessible name, e.g. "Terraform level". */
  label: string;
  scale: readonly ScaleLevel[];
  value: number | null;
  onChange: (level: number) => void;
  invalid?: boolean;
  /** Ids of elements that describe the group (the current descriptor, the error line). */
  describedBy?: string;
  disabled?: boolean;
  /** Numbers only (the level's name stays in each chip's accessible name and title). */
  compact?: boolean;
}) {
  return (
    <div
      role="radiogroup"
      aria-label={label}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      tabIndex={invalid ? -1 : undefined}
      className="flex flex-wrap gap-2"
    >
      {scale.map((l) => {
        const on = value === l.level;
        return (
          <label
            key={l.level}
            title={`${l.level} ${l.name}`}
            className={`inline-flex min-h-11 min-w-11 cursor-pointer items-center justify-center rounded border px-3 text-sm has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600 ${
              on ? "border-brand-700 bg-brand-700 font-semibold text-white" : "border-slate-400 bg-white text-slate-900"
            } ${disabled ? "cursor-not-allowed opacity-60" : ""}`}
          >
            <input
              type="radio"
              className="sr-only"
              name={name}
              value={l.level}
              checked={on}
              disabled={disabled}
              onChange={() => onChange(l.level)}
              aria-label={`${l.level} ${l.name}: ${l.description}`}
            />
            {compact ? l.level : `${l.level} ${l.name}`}
          </label>
        );
      })}
    </div>
  );
}
