"use client";
import { useId, useState } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import type { ActionResult } from "@/lib/actions/safe-action";

export type CatalogueEntry = { id: string; name: string; short: string; issuer: string; validityMonths: number | null };

/** A recorded certification as the form edits it: dates as YYYY-MM-DD, blanks as "". */
export type CertificationValues = {
  certificationId: string;
  name: string;
  credentialId: string;
  credentialUrl: string;
  issuedOn: string;
  expiresOn: string;
  noExpiry: boolean;
};

export const EMPTY_VALUES: CertificationValues = {
  certificationId: "",
  name: "",
  credentialId: "",
  credentialUrl: "",
  issuedOn: "",
  expiresOn: "",
  noExpiry: false,
};

const FIELDS = ["certificationId", "name", "credentialId", "credentialUrl", "issuedOn", "expiresOn", "noExpiry"];
const input = "mt-1 w-full max-w-full rounded border border-slate-400 bg-white px-3 py-2";
export const primaryButton =
  "min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60";
export const secondaryButton =
  "min-h-11 rounded border border-slate-400 bg-white px-3 py-2 font-medium text-slate-900 hover:bg-slate-100 disabled:opacity-60";

const validity = (months: number | null) =>
  months === null
    ? "does not expire"
    : months % 12 === 0
      ? `typically valid for ${months / 12} ${months === 12 ? "year" : "years"}`
      : `typically valid for ${months} months`;

/**
 * Add or edit one certification: a catalogue entry or a name typed in, credential id and link, issue and expiry dates.
 * A refused save keeps everything typed and puts each message beside its field.
 */
export function CertificationForm({
  catalogue,
  initial = EMPTY_VALUES,
  action,
  extra = {},
  submitLabel,
  successMessage,
  onSaved,
  onCancel,
}: {
  catalogue: CatalogueEntry[];
  initial?: CertificationValues;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
  /** Sent with the fields (the record's id when editing). */
  extra?: Record<string, string>;
  submitLabel: string;
  /** Said beside the button after a save (leave out when the parent says it). */
  successMessage?: string;
  onSaved?: () => void;
  onCancel?: () => void;
}) {
  const uid = useId();
  const [chosen, setChosen] = useState(initial.certificationId);
  const [noExpiry, setNoExpiry] = useState(initial.noExpiry);
  const entry = catalogue.find((c) => c.id === chosen) ?? null;
  const form = useActionForm(action, {
    fields: FIELDS,
    successMessage,
    resetOnSuccess: false,
    toInput: (fd) => ({ ...Object.fromEntries(fd), ...extra }),
    onSuccess: () => onSaved?.(),
  });
  const errors = form.fieldErrors;
  const fid = (name: string) => `${uid}-${name}`;
  return (
    <form method="post" onSubmit={form.onSubmit} className="space-y-4" noValidate>
      <div>
        <label htmlFor={fid("certificationId")} className="block font-medium">
          Certification
        </label>
        <select
          {...form.field("certificationId", fid("certificationId"), fid("catalogue-hint"))}
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          className={input}
        >
          <option value="">Not in the list: type its name below</option>
          {catalogue.map((c) => (
            <option key={c.id} value={c.id}>
              {c.short} — {c.name}
            </option>
          ))}
        </select>
        <p id={fid("catalogue-hint")} className="mt-1 text-sm text-slate-700" aria-live="polite">
          {entry
            ? `Issued by ${entry.issuer}; ${validity(entry.validityMonths)}.`
            : "Choose from the list, or type a name."}
        </p>
        <FieldError id={`${fid("certificationId")}-error`} messages={errors.certificationId} />
      </div>
      <div hidden={chosen !== ""}>
        <label htmlFor={fid("name")} className="block font-medium">
          Name <span className="font-normal text-slate-600">(if it is not in the list)</span>
        </label>
        <input
          {...form.field("name", fid("name"))}
          defaultValue={initial.name}
          disabled={chosen !== ""}
          maxLength={200}
          className={input}
        />
        <FieldError id={`${fid("name")}-error`} messages={errors.name} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="min-w-0">
          <label htmlFor={fid("credentialId")} className="block font-medium">
            Credential id <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <input
            {...form.field("credentialId", fid("credentialId"))}
            defaultValue={initial.credentialId}
            maxLength={200}
            className={input}
          />
          <FieldError id={`${fid("credentialId")}-error`} messages={errors.credentialId} />
        </div>
        <div className="min-w-0">
          <label htmlFor={fid("credentialUrl")} className="block font-medium">
            Credential link <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <input
            {...form.field("credentialUrl", fid("credentialUrl"))}
            defaultValue={initial.credentialUrl}
            inputMode="url"
            placeholder="https://"
            className={input}
          />
          <FieldError id={`${fid("credentialUrl")}-error`} messages={errors.credentialUrl} />
        </div>
        <div className="min-w-0">
          <label htmlFor={fid("issuedOn")} className="block font-medium">
            Issue date
          </label>
          <input
            {...form.field("issuedOn", fid("issuedOn"))}
            type="date"
            defaultValue={initial.issuedOn}
            className={input}
          />
          <FieldError id={`${fid("issuedOn")}-error`} messages={errors.issuedOn} />
        </div>
        <div className="min-w-0">
          <label htmlFor={fid("expiresOn")} className="block font-medium">
            Expiry date <span className="font-normal text-slate-600">(optional)</span>
          </label>
          <input
            {...form.field("expiresOn", fid("expiresOn"), fid("expiry-hint"))}
            type="date"
            defaultValue={initial.expiresOn}
            disabled={noExpiry}
            className={input}
          />
          <p id={fid("expiry-hint")} className="mt-1 text-sm text-slate-700">
            {entry && entry.validityMonths !== null
              ? "Leave empty to use the typical validity."
              : "Leave empty if it does not expire."}
          </p>
          <FieldError id={`${fid("expiresOn")}-error`} messages={errors.expiresOn} />
        </div>
      </div>
      <div>
        <label className="inline-flex min-h-11 items-center gap-2">
          <input
            type="checkbox"
            name="noExpiry"
            checked={noExpiry}
            onChange={(e) => setNoExpiry(e.target.checked)}
            aria-invalid={Boolean(errors.noExpiry)}
            aria-describedby={`${fid("noExpiry")}-error`}
            className="h-5 w-5"
          />
          Does not expire
        </label>
        <FieldError id={`${fid("noExpiry")}-error`} messages={errors.noExpiry} />
      </div>
      <FormMessage error={form.formError} success={form.success} />
      <div className="flex flex-wrap gap-2">
        <button className={primaryButton} disabled={form.pending}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className={secondaryButton} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
