"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { importTaxonomyAction } from "./actions";
import { fileTooLarge, MB, TAXONOMY_MAX_MB, uploadProblem } from "@/lib/upload-limits";

export function ImportForm() {
  const router = useRouter();
  const [result, setResult] = useState<{ ok: boolean; message: string; lines: string[] } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const file = (new FormData(e.currentTarget).get("file") as File | null) ?? null;
    if (!file || file.size === 0) {
      setResult({ ok: false, message: "Choose a JSON file first.", lines: [] });
      return;
    }
    // Refused here, before sending: past the server's body limit the request would fail without a message.
    if (file.size > TAXONOMY_MAX_MB * MB) {
      setResult({ ok: false, message: fileTooLarge(TAXONOMY_MAX_MB), lines: [] });
      return;
    }
    const text = await file.text();
    const tooLarge = uploadProblem(text, TAXONOMY_MAX_MB);
    if (tooLarge) {
      setResult({ ok: false, message: tooLarge, lines: [] });
      return;
    }
    setPending(true);
    const res = await importTaxonomyAction({ fileName: file.name, text });
    setPending(false);
    if (res.ok) {
      const d = res.data;
      setResult({ ok: true, message: d.changed ? `Applied version ${d.version}: ${d.skills} skills, ${d.roles} roles, ${d.paths} paths.` : `Version ${d.version} is already active; nothing changed.`, lines: [] });
      router.refresh();
    } else setResult({ ok: false, message: res.message, lines: res.errors.file ?? Object.values(res.errors).flat() });
  }

  return (
    <form onSubmit={onSubmit} className="max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <label htmlFor="file" className="block font-medium">
        Taxonomy file (JSON, the export format, at most {TAXONOMY_MAX_MB} MB)
      </label>
      <input id="file" name="file" type="file" accept="application/json,.json" className="block" />
      <button className="rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60" disabled={pending}>
        {pending ? "Checking…" : "Validate and import"}
      </button>
      {result && (
        <div role={result.ok ? "status" : "alert"} className={result.ok ? "text-green-800" : "text-red-800"}>
          <p className="font-medium">{result.message}</p>
          {result.lines.length > 0 && (
            <ul className="mt-2 list-disc pl-5 text-sm" data-testid="import-errors">
              {result.lines.map((l, i) => (
                <li key={i}>{l}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </form>
  );
}
