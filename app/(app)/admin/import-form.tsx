"use client";
import { useState } from "react";
import { useActionForm } from "@/components/use-action-form";
import { importTaxonomyAction } from "./actions";
import { fileTooLarge, MB, TAXONOMY_MAX_MB, uploadProblem } from "@/lib/upload-limits";

export function ImportForm() {
  // Problems found before sending (no file, too large): past the server's body limit the request would fail without a message.
  const [local, setLocal] = useState<string | null>(null);
  const form = useActionForm(importTaxonomyAction, {
    successMessage: (d) =>
      d.changed
        ? `Applied version ${d.version}: ${d.skills} skills, ${d.roles} roles, ${d.paths} paths.`
        : `Unchanged: version ${d.version} is already the current taxonomy.`,
  });

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    form.clear();
    const file = (new FormData(e.currentTarget).get("file") as File | null) ?? null;
    if (!file || file.size === 0) return setLocal("Choose a JSON file first.");
    if (file.size > TAXONOMY_MAX_MB * MB) return setLocal(fileTooLarge(TAXONOMY_MAX_MB));
    const text = await file.text();
    const tooLarge = uploadProblem(text, TAXONOMY_MAX_MB);
    if (tooLarge) return setLocal(tooLarge);
    setLocal(null);
    await form.submit({ fileName: file.name, text });
  }

  const result = form.state?.result;
  // The file has no field of its own to show errors beside, so the banner names the file's problems, one per line.
  const lines = result && !result.ok ? (result.errors.file ?? Object.values(result.errors).flat()) : [];
  const error = local ?? (result && !result.ok ? result.message : null);
  return (
    <form
      method="post"
      onSubmit={onSubmit}
      className="max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-4"
    >
      <label htmlFor="file" className="block font-medium">
        Taxonomy file (JSON, the export format, at most {TAXONOMY_MAX_MB} MB)
      </label>
      <input
        id="file"
        name="file"
        type="file"
        accept="application/json,.json"
        className="block min-h-11 w-full max-w-full text-sm file:mr-3 file:min-h-11 file:rounded file:border file:border-slate-400 file:bg-white file:px-3"
        aria-invalid={Boolean(error)}
        aria-describedby="file-error"
      />
      <button
        className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60"
        disabled={form.pending}
      >
        {form.pending ? "Checking…" : "Validate and import"}
      </button>
      {error ? (
        <div id="file-error" role="alert" className="text-red-800">
          <p className="font-medium">{error}</p>
          {lines.length > 0 && (
            <ul className="mt-2 list-disc pl-5 text-sm" data-testid="import-errors">
              {lines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        form.success && (
          <p role="status" className="font-medium text-green-800">
            {form.success}
          </p>
        )
      )}
    </form>
  );
}
