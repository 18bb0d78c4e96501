"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { unmergeSkillsAction } from "./actions";

const button = "min-h-11 rounded px-3 py-1 text-sm disabled:opacity-60";

/** Undo of the newest merge, in two presses (the second names what is undone). */
export function UndoButton({ mergeId, label }: { mergeId: string; label: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const form = useActionForm(unmergeSkillsAction, {
    onSuccess: () => router.replace(`/admin/merge?undone=${encodeURIComponent(mergeId)}`),
  });
  return (
    <div className="flex flex-wrap items-start gap-2">
      <button
        type="button"
        className={`${button} border border-slate-400 hover:bg-slate-50`}
        aria-expanded={confirming}
        onClick={() => {
          setConfirming((c) => !c);
          setTimeout(() => confirmRef.current?.focus(), 0);
        }}
      >
        {confirming ? "Keep this merge" : "Undo"}
        <span className="sr-only"> the merge of {label}</span>
      </button>
      {confirming && (
        <button
          ref={confirmRef}
          type="button"
          disabled={form.pending}
          className={`${button} bg-red-700 break-words text-white hover:bg-red-800`}
          onClick={(e) => void form.submit({ mergeId }, e.currentTarget)}
        >
          {form.pending ? "Undoing…" : `Yes, undo the merge of ${label}`}
        </button>
      )}
      <FormMessage className="basis-full text-sm" error={form.formError} />
    </div>
  );
}
