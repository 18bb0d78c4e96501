"use client";
import { plural } from "./drafts";

/**
 * The save bar: the unsaved count, Save and Discard, and what the last save said. Fixed to the bottom of the screen
 * below lg (so it never sits under 70 skills), inside the sticky side column from lg up. It comes early in the page's
 * tab order, and Ctrl+S / ⌘+S does the same as its Save button.
 */
export function SaveBar({
  unsaved,
  pending,
  onSave,
  onDiscard,
  error,
  problems,
  status,
}: {
  unsaved: number;
  pending: boolean;
  onSave: (origin: HTMLElement) => void;
  onDiscard: () => void;
  /** Why nothing was saved, when no row says it (or how many rows do). */
  error: string | null;
  /** Problems that belong to no visible field, each naming its skill. */
  problems: string[];
  /** A success or "restored" line. */
  status: string | null;
}) {
  return (
    <div
      role="region"
      aria-label="Unsaved ratings"
      data-testid="save-bar"
      className="fixed inset-x-0 bottom-0 z-30 border-t border-slate-300 bg-white px-4 py-3 shadow-[0_-2px_8px_rgb(0_0_0/0.08)] lg:static lg:rounded-lg lg:border lg:border-slate-200 lg:p-4 lg:shadow-none"
    >
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-2 lg:block">
        <p className="min-w-0 flex-1 font-medium">
          {unsaved === 0 ? "No unsaved changes" : `${plural(unsaved, "unsaved change")}`}
        </p>
        <div className="flex gap-2 lg:mt-3">
          <button
            type="button"
            onClick={(e) => onSave(e.currentTarget)}
            disabled={pending || unsaved === 0}
            aria-keyshortcuts="Control+S Meta+S"
            className="min-h-11 rounded bg-brand-700 px-4 font-medium text-white hover:bg-brand-900 disabled:opacity-50 lg:flex-1"
          >
            {pending ? "Saving…" : "Save changes"}
          </button>
          <button
            type="button"
            onClick={onDiscard}
            disabled={pending || unsaved === 0}
            className="min-h-11 rounded border border-slate-400 bg-white px-4 font-medium text-slate-900 hover:bg-slate-100 disabled:opacity-50"
          >
            Discard
          </button>
        </div>
        <p className="hidden text-xs text-slate-600 lg:mt-2 lg:block">
          <kbd>Ctrl</kbd>+<kbd>S</kbd> (<kbd>⌘</kbd>+<kbd>S</kbd> on a Mac) saves too.
        </p>
      </div>
      <div className="mx-auto max-w-6xl">
        {error ? (
          <div role="alert" className="mt-2 text-sm text-red-800">
            <p>{error}</p>
            {problems.length > 0 && (
              <ul className="list-disc pl-5">
                {problems.map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ul>
            )}
          </div>
        ) : (
          status && (
            <p role="status" className="mt-2 text-sm text-green-800">
              {status}
            </p>
          )
        )}
      </div>
    </div>
  );
}
