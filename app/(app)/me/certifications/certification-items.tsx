"use client";
import { useState } from "react";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { addCertificationAction, deleteCertificationAction, updateCertificationAction } from "./actions";
import {
  CertificationForm,
  secondaryButton,
  type CatalogueEntry,
  type CertificationValues,
} from "./certification-form";

/** One recorded certification as the list shows it (dates already worded on the server). */
export type CertificationRow = {
  id: string;
  title: string;
  issuer: string | null;
  status: "valid" | "expiring" | "expired" | "no-expiry";
  /** "Expires in 60 days", "Expired 3 days ago", "Valid until 3 Mar 2027", "Does not expire". */
  statusText: string;
  details: string;
  credentialUrl: string | null;
  values: CertificationValues;
};

const BOX = {
  expired: "border-red-300 bg-red-50",
  expiring: "border-amber-300 bg-amber-50",
  valid: "border-slate-200 bg-white",
  "no-expiry": "border-slate-200 bg-white",
} as const;

const STATUS_TEXT = {
  expired: "font-semibold text-red-900",
  expiring: "font-semibold text-amber-900",
  valid: "text-slate-700",
  "no-expiry": "text-slate-700",
} as const;

/** The add form; it starts afresh after each certification added, and says so. */
export function AddCertification({ catalogue }: { catalogue: CatalogueEntry[] }) {
  const [round, setRound] = useState(0);
  return (
    <>
      <CertificationForm
        key={round}
        catalogue={catalogue}
        action={addCertificationAction}
        submitLabel="Add certification"
        onSaved={() => setRound((r) => r + 1)}
      />
      {round > 0 && (
        <p role="status" className="mt-2 text-green-800">
          Certification added.
        </p>
      )}
    </>
  );
}

/** One certification: its status (highlighted when expired or expiring within 90 days), edit, and delete after asking. */
export function CertificationItem({ row, catalogue }: { row: CertificationRow; catalogue: CatalogueEntry[] }) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const del = useActionForm(deleteCertificationAction, { toInput: () => ({ certId: row.id }) });
  const warn = row.status === "expired" || row.status === "expiring";
  return (
    <li className={`space-y-2 rounded border p-3 ${BOX[row.status]}`} data-testid="my-certification">
      <h3 className="font-semibold break-words">{row.title}</h3>
      <p role={warn ? "status" : undefined} className={STATUS_TEXT[row.status]}>
        {row.statusText}
      </p>
      <p className="text-sm break-words text-slate-700">
        {row.details}
        {row.credentialUrl && (
          <>
            {" · "}
            <a href={row.credentialUrl} rel="noopener noreferrer nofollow" className="text-brand-700 underline">
              Credential link
            </a>
          </>
        )}
      </p>
      {editing ? (
        <div className="rounded border border-slate-200 bg-white p-3">
          <CertificationForm
            catalogue={catalogue}
            initial={row.values}
            action={updateCertificationAction}
            extra={{ certId: row.id }}
            submitLabel="Save changes"
            onSaved={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        </div>
      ) : confirming ? (
        <form method="post" onSubmit={del.onSubmit} className="space-y-2">
          <p className="font-medium">Delete {row.title}? Ratings that cite it lose it as evidence.</p>
          <div className="flex flex-wrap gap-2">
            <button
              className="min-h-11 rounded bg-red-800 px-4 py-2 font-medium text-white hover:bg-red-900 disabled:opacity-60"
              disabled={del.pending}
            >
              Yes, delete it
            </button>
            <button type="button" className={secondaryButton} onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
          <FormMessage error={del.formError} />
        </form>
      ) : (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={secondaryButton} onClick={() => setEditing(true)}>
            Edit<span className="sr-only"> {row.title}</span>
          </button>
          <button type="button" className={secondaryButton} onClick={() => setConfirming(true)}>
            Delete<span className="sr-only"> {row.title}</span>
          </button>
        </div>
      )}
    </li>
  );
}
