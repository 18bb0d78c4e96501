"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { importRatingsAction } from "../actions";
import { CSV_MAX_MB, fileTooLarge, MB, uploadProblem } from "@/lib/upload-limits";

export function MyDataPanel() {
  const router = useRouter();
  const [result, setResult] = useState<{ ok: boolean; text: string; rows: string[] } | null>(null);
  async function onImport(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = new FormData(e.currentTarget).get("csv") as File | null;
    if (!file || file.size === 0) {
      setResult({ ok: false, text: "Choose a CSV file first.", rows: [] });
      return;
    }
    // Refused here, before sending: past the server's body limit the request would fail without a message.
    if (file.size > CSV_MAX_MB * MB) {
      setResult({ ok: false, text: fileTooLarge(CSV_MAX_MB), rows: [] });
      return;
    }
    const csv = await file.text();
    const tooLarge = uploadProblem(csv, CSV_MAX_MB);
    if (tooLarge) {
      setResult({ ok: false, text: tooLarge, rows: [] });
      return;
    }
    const res = await importRatingsAction({ csv });
    if (res.ok) {
      setResult({ ok: true, text: res.data.changed === 0 ? `All ${res.data.rows} rows match your current ratings; nothing changed.` : `Imported ${res.data.rows} rows; ${res.data.changed} ratings changed.`, rows: [] });
      router.refresh();
    } else setResult({ ok: false, text: res.message, rows: res.errors.rows ?? Object.values(res.errors).flat() });
  }
  return (
    <section aria-labelledby="data-h" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="data-h" className="text-xl font-semibold">
        My data
      </h2>
      <ul className="mt-2 flex flex-wrap gap-4">
        <li>
          <a className="text-brand-700 underline" href="/api/me/ratings" download>
            Download my ratings (CSV)
          </a>
        </li>
        <li>
          <a className="text-brand-700 underline" href="/api/me/export" download>
            Download everything about me (JSON)
          </a>
        </li>
      </ul>
      <form onSubmit={onImport} className="mt-4 space-y-2">
        <label htmlFor="csv" className="block font-medium">
          Import ratings from CSV
        </label>
        <p id="csv-help" className="text-sm text-slate-700">
          Columns: skill_id (or skill_name), level (0–5), and optionally note, evidence_url, wants_to_grow. The whole file applies, or nothing does. At most {CSV_MAX_MB} MB.
        </p>
        <input id="csv" name="csv" type="file" accept=".csv,text/csv" aria-describedby="csv-help" />
        <button className="rounded border border-brand-700 px-3 py-1.5 font-medium text-brand-700 hover:bg-brand-50">Import</button>
        {result && (
          <div role={result.ok ? "status" : "alert"} className={result.ok ? "text-green-800" : "text-red-800"}>
            <p>{result.text}</p>
            {result.rows.length > 0 && (
              <ul className="list-disc pl-5 text-sm" data-testid="import-errors">
                {result.rows.map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </form>
    </section>
  );
}
