"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { plural } from "@/lib/domain/plural";
import { mergeSkillsAction } from "./actions";

type Props = {
  source: { id: string; name: string };
  target: { id: string; name: string };
  people: number;
  ratings: number;
  bothRated: number;
};

const button = "min-h-11 rounded px-4 py-2 font-medium disabled:opacity-60";

/**
 * The merge, in two steps: "Merge…" opens a confirmation that repeats the preview's numbers; confirming sends them
 * back, so the merge is refused if they changed in the meantime.
 */
export function MergeForm({ source, target, people, ratings, bothRated }: Props) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const form = useActionForm(mergeSkillsAction, {
    onSuccess: (d) => router.replace(`/admin/merge?merged=${encodeURIComponent(d.mergeId)}`),
  });
  const stale = Boolean(form.fieldErrors.preview);
  return (
    <section aria-label="Merge" className="space-y-3">
      {!confirming ? (
        <button
          type="button"
          className={`${button} bg-brand-700 text-white hover:bg-brand-900`}
          onClick={() => {
            setConfirming(true);
            // Focus moves to the confirmation, so a keyboard user confirms with the next Enter.
            setTimeout(() => confirmRef.current?.focus(), 0);
          }}
        >
          Merge…
        </button>
      ) : (
        <div role="group" aria-labelledby="confirm-text" className="space-y-3 rounded border border-amber-400 p-3">
          <p id="confirm-text" className="break-words">
            Merge “{source.name}” into “{target.name}”? {plural(people, "person", "people")} and{" "}
            {plural(ratings, "rating", "ratings")} move to “{target.name}”; {plural(bothRated, "person", "people")}{" "}
            rated both and keep the higher level. “{source.name}” leaves the taxonomy and its links lead to “
            {target.name}”. You can undo this as long as it is the newest change to the taxonomy.
          </p>
          <div className="flex flex-wrap gap-2">
            <button
              ref={confirmRef}
              type="button"
              disabled={form.pending}
              className={`${button} bg-red-700 text-white break-words hover:bg-red-800`}
              onClick={(e) =>
                void form.submit(
                  {
                    sourceId: source.id,
                    targetId: target.id,
                    expectedPeople: String(people),
                    expectedRatings: String(ratings),
                  },
                  e.currentTarget,
                )
              }
            >
              {form.pending ? "Merging…" : `Yes, merge “${source.name}” into “${target.name}”`}
            </button>
            <button
              type="button"
              className={`${button} border border-slate-400 hover:bg-slate-50`}
              onClick={() => {
                setConfirming(false);
                form.clear();
              }}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      <FormMessage error={form.formError}>
        {stale && (
          <button
            type="button"
            className={`${button} mt-2 border border-slate-400 text-slate-900 hover:bg-slate-50`}
            onClick={() => {
              form.clear();
              setConfirming(false);
              router.refresh();
            }}
          >
            Preview again
          </button>
        )}
      </FormMessage>
    </section>
  );
}
