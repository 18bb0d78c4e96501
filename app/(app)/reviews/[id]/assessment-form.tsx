"use client";
import { useEffect, useRef, useState } from "react";
import { LevelPicker } from "@/components/level-picker";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { levelDescriptor } from "@/lib/domain/level-descriptors";
import { assessmentStart } from "@/lib/domain/review";
import { saveAssessmentAction, transitionAction } from "../actions";
import { primaryButton, secondaryButton, type Line, type ReviewFormProps } from "./review-types";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Beside each skill: where its level comes from, and for the manager the person's own rating for reference. */
function sourceNote(l: Line, source: "draft" | "ratings" | "none", side: ReviewFormProps["review"]["side"]) {
  const parts = [];
  if (source === "ratings") parts.push(`from your ratings on ${l.currentRatedOn}`);
  if (source === "none") parts.push("not rated");
  if (side === "manager" && l.currentLevel !== null) parts.push(`their own rating: ${l.currentLevel}`);
  return parts.join(" · ");
}

/**
 * Self-assessment (the subject) or the manager's assessment: a level per skill, save as draft or submit.
 * The self-assessment starts from the person's current ratings, shown chosen but marked as a suggestion until the
 * person keeps or changes it; only decided levels are saved, and submitting needs a decision for every skill.
 * The manager's assessment is never pre-filled (they judge independently); it shows the person's own rating beside.
 */
export function AssessmentForm({ review, scale, version, announce }: ReviewFormProps) {
  const { side, state } = review;
  const mine = side === "subject" ? "selfLevel" : "managerLevel";
  // Decided levels: saved drafts, and what the person chose or kept in this sitting.
  const [levels, setLevels] = useState<Record<string, number | null>>(
    Object.fromEntries(review.lines.map((l) => [l.skillId, l[mine]])),
  );
  const [undecided, setUndecided] = useState<string[] | null>(null);
  const [said, setSaid] = useState<"save" | "submit">("save");
  const sectionRef = useRef<HTMLElement>(null);
  const [refusals, setRefusals] = useState(0);
  // After a refused submit, the first undecided skill gets focus (its picker is marked invalid).
  useEffect(() => {
    if (refusals) sectionRef.current?.querySelector<HTMLElement>('[role="radiogroup"][aria-invalid="true"]')?.focus();
  }, [refusals]);
  const save = useActionForm(version.versioned(saveAssessmentAction), {
    onSuccess: () => announce(said === "submit" ? "Saved." : "Draft saved."),
    onError: () => announce(null),
  });
  const submit = useActionForm(version.versioned(transitionAction), {
    onSuccess: () => announce("Submitted."),
    onError: () => announce(null),
  });
  const pending = save.pending || submit.pending;
  const suggestion = (l: Line) => assessmentStart(levels[l.skillId] ?? null, l.currentLevel, side);
  const suggested = review.lines.filter((l) => suggestion(l).source === "ratings");
  const rated = Object.entries(levels)
    .filter(([, v]) => v !== null)
    .map(([skillId, level]) => ({ skillId, level: level! }));
  const canSubmit = side === "subject" || state === "manager_assessment";
  // Errors name rows of what was sent ("levels.2.level"); the picker of that skill shows it.
  const sentLevels = (save.state?.input as { levels?: { skillId: string }[] } | undefined)?.levels ?? [];
  const invalid = new Set([
    ...Object.keys(save.fieldErrors).map((k) => sentLevels[Number(/^levels\.(\d+)\./.exec(k)?.[1])]?.skillId),
    ...(undecided ?? []),
  ]);

  function decide(skillId: string, level: number) {
    setLevels((prev) => ({ ...prev, [skillId]: level }));
    setUndecided((prev) => prev && prev.filter((s) => s !== skillId));
  }

  function keepAll() {
    setLevels((prev) => ({
      ...prev,
      ...Object.fromEntries(suggested.map((l) => [l.skillId, l.currentLevel])),
    }));
    setUndecided((prev) => prev && prev.filter((s) => !suggested.some((l) => l.skillId === s)));
  }

  async function saveThenSubmit(e: React.MouseEvent<HTMLButtonElement>) {
    setSaid("submit");
    const open = review.lines.filter((l) => levels[l.skillId] === null || levels[l.skillId] === undefined);
    if (open.length) {
      // The same rule the server holds (every skill decided), said before anything is sent, naming the skills.
      setUndecided(open.map((l) => l.skillId));
      announce(null);
      setRefusals((n) => n + 1);
      return;
    }
    setUndecided(null);
    const saved = await save.submit({ reviewId: review.id, levels: rated }, e.currentTarget);
    if (saved.ok)
      await submit.submit({ reviewId: review.id, event: side === "subject" ? "submit-self" : "submit-manager" });
  }

  const undecidedLines = review.lines.filter((l) => undecided?.includes(l.skillId));
  return (
    <section
      ref={sectionRef}
      aria-labelledby="assess-h"
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-3 sm:p-4"
    >
      <h2 id="assess-h" className="text-xl font-semibold">
        {side === "subject" ? "Your self-assessment" : "Your assessment"}
      </h2>
      <p className="text-sm text-slate-700">
        {side === "subject"
          ? "Your manager cannot see these until you have both submitted."
          : "The self-assessment stays hidden from you until you submit yours. Judge each skill yourself: the person's own current rating is shown for reference only."}
      </p>
      {side === "subject" && suggested.length > 0 && (
        <div className="space-y-3 rounded border border-brand-100 bg-brand-50 p-3 text-sm sm:flex sm:items-center sm:gap-3 sm:space-y-0">
          <p className="min-w-0 sm:flex-1" data-testid="prefill-note">
            {plural(suggested.length, "skill is", "skills are")} pre-filled from your current ratings. Keep or change
            each one; nothing is saved until you do.
          </p>
          <button type="button" className={secondaryButton} onClick={keepAll} disabled={pending}>
            Keep my current levels ({suggested.length})
          </button>
        </div>
      )}
      <ul className="divide-y divide-slate-100">
        {review.lines.map((l) => {
          const start = suggestion(l);
          const d = start.level === null ? null : levelDescriptor(l, scale, start.level);
          const bad = invalid.has(l.skillId);
          return (
            <li key={l.skillId} data-skill={l.skillId} className="space-y-2 py-3">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
                <h3 className="min-w-0 font-medium break-words" id={`lvn-${l.skillId}`}>
                  {l.skillName}
                </h3>
                <span className="text-sm text-slate-700" data-testid="level-source">
                  {sourceNote(l, start.source, side)}
                </span>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <LevelPicker
                  name={`lv-${l.skillId}`}
                  label={`Your level for ${l.skillName}`}
                  scale={scale}
                  value={start.level}
                  onChange={(level) => decide(l.skillId, level)}
                  invalid={bad}
                  describedBy={`lvd-${l.skillId}${bad ? " assess-undecided" : ""}`}
                  compact
                />
                {start.source === "ratings" && (
                  <button
                    type="button"
                    className="min-h-11 rounded border border-slate-400 bg-white px-3 text-sm"
                    aria-label={`Keep ${start.level} for ${l.skillName}`}
                    onClick={() => decide(l.skillId, start.level!)}
                  >
                    Keep {start.level}
                  </button>
                )}
              </div>
              <p id={`lvd-${l.skillId}`} className="text-sm text-slate-700">
                {d ? `${d.level} ${d.name}${d.text ? `: ${d.text}` : ""}` : ""}
              </p>
            </li>
          );
        })}
      </ul>
      {undecidedLines.length > 0 && (
        <p id="assess-undecided" role="alert" className="text-red-800">
          Choose or keep a level for {plural(undecidedLines.length, "more skill", "more skills")} before submitting:{" "}
          {undecidedLines.map((l) => l.skillName).join(", ")}.
        </p>
      )}
      <FormMessage error={save.formError ?? (said === "submit" ? submit.formError : null)} />
      <div className="flex flex-wrap gap-3">
        <button
          type="button"
          disabled={pending}
          className={secondaryButton}
          onClick={(e) => {
            setSaid("save");
            void save.submit({ reviewId: review.id, levels: rated }, e.currentTarget);
          }}
        >
          Save draft
        </button>
        {canSubmit && (
          <button type="button" disabled={pending} className={primaryButton} onClick={saveThenSubmit}>
            Submit {side === "subject" ? "self-assessment" : "assessment"}
          </button>
        )}
      </div>
    </section>
  );
}
