"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { publishDraftAction } from "../actions";
import { input, label, primary } from "../styles";

/** Publishes exactly the previewed revision of the draft under a new version name. */
export function PublishForm({
  revision,
  suggestedVersion,
  blocked,
}: {
  revision: number;
  suggestedVersion: string;
  /** Why publishing is not possible now (stale or empty draft), or null. */
  blocked: string | null;
}) {
  const router = useRouter();
  const [version, setVersion] = useState(suggestedVersion);
  const form = useActionForm(publishDraftAction, {
    fields: ["version"],
    onSuccess: (d) => router.push(`/admin/taxonomy?published=${encodeURIComponent(d.version)}`),
  });
  return (
    <form
      method="post"
      aria-labelledby="publish-h"
      className="max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-3 sm:p-4"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit({ revision: String(revision), version }, e.currentTarget);
      }}
    >
      <h2 id="publish-h" className="text-xl font-semibold">
        Publish
      </h2>
      <p className="text-slate-700">
        Publishing applies exactly what this page shows, as a new version, for everyone at once. Skills and roles the
        draft leaves out are retired; ratings are kept.
      </p>
      <input type="hidden" name="revision" value={revision} />
      <div className="min-w-0">
        <label htmlFor="pub-version" className={label}>
          Version name
        </label>
        <input
          {...form.field("version", "pub-version", "pub-version-help")}
          value={version}
          onChange={(e) => setVersion(e.target.value)}
          required
          maxLength={50}
          className={input}
        />
        <p id="pub-version-help" className="text-sm text-slate-700">
          A name no earlier version used, such as {suggestedVersion}.
        </p>
        <FieldError id="pub-version-error" messages={form.fieldErrors.version} />
      </div>
      {blocked && <p className="font-medium text-amber-900">{blocked}</p>}
      <button className={primary} disabled={form.pending || blocked !== null}>
        {form.pending ? "Publishing…" : "Publish this draft"}
      </button>
      <FormMessage error={form.formError} />
    </form>
  );
}
