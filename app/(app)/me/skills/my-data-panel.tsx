"use client";
import { useState } from "react";
import { useActionForm } from "@/components/use-action-form";
import { importRatingsAction } from "../actions";
import { CSV_MAX_MB, fileTooLarge, MB, uploadProblem } from "@/lib/upload-limits";

export function MyDataPanel() {
  // Problems found before sending (no file, too large): past the server's body limit the request would fail without a message.
  const [local, setLocal] = useState<string | null>(null);
  const form = useActionForm(importRatingsAction, {
    successMessage: (d) =>
      d.changed === 0
        ? `All ${d.rows} rows match your current ratings; nothing changed.`
        : `Imported ${d.rows} rows; ${d.changed} ratings changed.`,
  });
  async function onImport(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    form.clear();
    const file = new FormData(e.currentTarget).get("csv") as File | null;
    if (!file || file.size === 0) return setLocal("Choose a CSV file first.");
    if (file.size > CSV_MAX_MB * MB) return setLocal(fileTooLarge(CSV_MAX_MB));
    const csv = await file.text();
    const tooLarge = uploadProblem(csv, CSV_MAX_MB);
    if (tooLarge) return setLocal(tooLarge);
    setLocal(null);
    await form.submit({ csv });
  }
  const result = form.state?.result;
  // Each bad row is listed once, under the message that says nothing was imported.
  const rows = result && !result.ok ? (result.errors.rows ?? Object.values(result.errors).flat()) : [];
  const error = local ?? (result && !result.ok ? result.message : null);
  return (
    <section aria-labelledby="data-h" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="data-h" className="text-xl font-semibold">
        My data
      </h2>
      <ul className="mt-2 flex flex-wrap gap-4">
        <li>
          <a className="inline-flex min-h-11 items-center text-brand-700 underline" href="/api/me/ratings" download>
            Download my ratings (CSV)
          </a>
        </li>
        <li>
          <a className="inline-flex min-h-11 items-center text-brand-700 underline" href="/api/me/export" download>
            Download everything about me (JSON)
          </a>
        </li>
      </ul>
      <form method="post" onSubmit={onImport} className="mt-4 space-y-2">
        <label htmlFor="csv" className="block font-medium">
          Import ratings from CSV
        </label>
        <p id="csv-help" className="text-sm text-slate-700">
          Columns: skill_id (or skill_name), level (0–5), and optionally note, evidence_url, wants_to_grow, separated by
          commas or semicolons (a file saved from Excel works as it is). The whole file applies, or nothing does. At
          most {CSV_MAX_MB} MB.
        </p>
        <input
          id="csv"
          name="csv"
          type="file"
          accept=".csv,text/csv"
          aria-invalid={Boolean(error)}
          aria-describedby="csv-help csv-error"
          className="block min-h-11 w-full max-w-full py-2 text-sm"
        />
        <button
          disabled={form.pending}
          className="min-h-11 rounded border border-brand-700 px-4 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
        >
          Import
        </button>
        {error ? (
          <div id="csv-error" role="alert" className="text-red-800">
            <p>{error}</p>
            {rows.length > 0 && (
              <ul className="list-disc pl-5 text-sm" data-testid="import-errors">
                {rows.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            )}
          </div>
        ) : (
          form.success && (
            <p role="status" className="text-green-800">
              {form.success}
            </p>
          )
        )}
      </form>
    </section>
  );
}
