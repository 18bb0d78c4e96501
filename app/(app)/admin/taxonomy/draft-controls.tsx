"use client";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { addSkillAction, discardDraftAction, startDraftAction } from "./actions";
import { button, danger, input, label, primary } from "./styles";

/** Starts the shared draft (or opens the one another admin started a moment ago). */
export function StartDraftButton() {
  const form = useActionForm(startDraftAction);
  return (
    <div className="space-y-2">
      <button
        type="button"
        className={primary}
        disabled={form.pending}
        onClick={(e) => void form.submit({}, e.currentTarget)}
      >
        {form.pending ? "Starting…" : "Start a draft"}
      </button>
      <FormMessage error={form.formError} />
    </div>
  );
}

/** Throws the draft away, after a second, explicit press. */
export function DiscardDraftButton({ revision }: { revision: number }) {
  const router = useRouter();
  const form = useActionForm(discardDraftAction, { onSuccess: () => router.push("/admin/taxonomy?discarded=1") });
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  return (
    <div className="flex flex-wrap items-start gap-2">
      <button
        type="button"
        className={button}
        aria-expanded={confirming}
        onClick={() => {
          setConfirming((c) => !c);
          // The second step gets focus, so a keyboard user confirms with the next Enter.
          setTimeout(() => confirmRef.current?.focus(), 0);
        }}
      >
        {confirming ? "Keep the draft" : "Discard the draft"}
      </button>
      {confirming && (
        <button
          ref={confirmRef}
          type="button"
          disabled={form.pending}
          className={danger}
          onClick={(e) => void form.submit({ revision }, e.currentTarget)}
        >
          Discard every change in the draft
        </button>
      )}
      <FormMessage error={form.formError} className="basis-full" />
    </div>
  );
}

/** Adds a skill to the draft, then opens its edit form. */
export function AddSkillForm({
  revision,
  categories,
}: {
  revision: number;
  categories: { id: string; name: string }[];
}) {
  const router = useRouter();
  const form = useActionForm(addSkillAction, {
    fields: ["name", "id", "category"],
    resetOnSuccess: false,
    toInput: (fd) => ({ revision, name: fd.get("name"), id: fd.get("id"), category: fd.get("category") }),
    onSuccess: (d) => router.push(`/admin/taxonomy/skills/${d.skillId}?added=1`),
  });
  return (
    <form
      method="post"
      onSubmit={form.onSubmit}
      className="grid max-w-2xl gap-3 rounded border border-slate-200 bg-white p-3 sm:p-4"
    >
      <div className="min-w-0">
        <label htmlFor="new-name" className={label}>
          Name
        </label>
        <input {...form.field("name", "new-name")} required maxLength={120} className={input} />
        <FieldError id="new-name-error" messages={form.fieldErrors.name} />
      </div>
      <div className="min-w-0">
        <label htmlFor="new-id" className={label}>
          Id (optional)
        </label>
        <input {...form.field("id", "new-id", "new-id-help")} maxLength={60} className={input} />
        <p id="new-id-help" className="text-sm text-slate-700">
          Lower-case letters, digits and dashes, such as service-mesh. Left empty, it is made from the name. It never
          changes once published.
        </p>
        <FieldError id="new-id-error" messages={form.fieldErrors.id} />
      </div>
      <div className="min-w-0">
        <label htmlFor="new-category" className={label}>
          Category
        </label>
        <select {...form.field("category", "new-category")} className={input}>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <FieldError id="new-category-error" messages={form.fieldErrors.category} />
      </div>
      <div>
        <button className={primary} disabled={form.pending}>
          {form.pending ? "Adding…" : "Add skill"}
        </button>
      </div>
      <FormMessage error={form.formError} />
    </form>
  );
}
