"use client";
import { useState } from "react";
import { FieldError } from "@/components/field-error";
import { FormMessage, useActionForm } from "@/components/use-action-form";
import { API_SCOPES, type ScopeName } from "@/lib/domain/api-scopes";
import type { ActionResult } from "@/lib/actions/safe-action";

export type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: ScopeName[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  owner: string;
};

type CreateInput = { kind: string; name: string; scopes: string[]; expiresIn: string };
type Actions = {
  create: (input: unknown) => Promise<ActionResult<{ token: string; name: string }>>;
  revoke: (input: unknown) => Promise<ActionResult<{ tokenId: string }>>;
};

const button = "min-h-11 rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60";
const day = (iso: string | null, none: string) => (iso ? iso.slice(0, 10) : none);

/**
 * Create and revoke API tokens. `kind` personal: the signed-in person's own; service: for scripts and the identity
 * provider (administrators). A new token is shown once, with a copy button; the list shows only its first characters.
 */
export function ApiTokensPanel({
  kind,
  tokens,
  scopes,
  now,
  actions,
}: {
  kind: "personal" | "service";
  tokens: TokenRow[];
  /** The scopes this person may choose. */
  scopes: ScopeName[];
  now: string;
  actions: Actions;
}) {
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const form = useActionForm<{ token: string; name: string }, CreateInput>(actions.create, {
    fields: ["name", "scopes", "expiresIn"],
    toInput: (fd) => ({
      kind,
      name: String(fd.get("name") ?? ""),
      scopes: fd.getAll("scopes").map(String),
      expiresIn: String(fd.get("expiresIn") ?? ""),
    }),
    onSuccess: (data) => setCreated(data),
  });
  const offered = API_SCOPES.filter((s) => scopes.includes(s.name));
  return (
    <div className="space-y-6">
      {created && <NewToken created={created} onDone={() => setCreated(null)} />}
      <form
        method="post"
        onSubmit={form.onSubmit}
        aria-labelledby="new-token-h"
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 id="new-token-h" className="text-xl font-semibold">
          {kind === "service" ? "New service token" : "New token"}
        </h2>
        <div>
          <label htmlFor="token-name" className="block font-medium">
            Name
          </label>
          <input
            {...form.field("name", "token-name")}
            required
            maxLength={80}
            autoComplete="off"
            className="mt-1 block min-h-11 w-full rounded border border-slate-400 px-3"
            placeholder={kind === "service" ? "Okta provisioning" : "Nightly ratings export"}
          />
          <FieldError id="token-name-error" messages={form.fieldErrors.name} />
        </div>
        <fieldset aria-describedby="token-scopes-error">
          <legend className="font-medium">Scopes</legend>
          <ul className="mt-1 space-y-1">
            {offered.map((s) => (
              <li key={s.name}>
                <label className="flex min-h-11 items-start gap-2">
                  <input type="checkbox" name="scopes" value={s.name} className="mt-1 h-5 w-5 shrink-0" />
                  <span>
                    <code className="font-mono text-sm">{s.name}</code>{" "}
                    <span className="text-sm text-slate-700">{s.description}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
          <FieldError id="token-scopes-error" messages={form.fieldErrors.scopes} />
        </fieldset>
        <div>
          <label htmlFor="token-expiry" className="block font-medium">
            Expires in
          </label>
          <select
            {...form.field("expiresIn", "token-expiry")}
            defaultValue="90"
            className="mt-1 block min-h-11 w-full max-w-xs rounded border border-slate-400 bg-white px-3"
          >
            <option value="7">7 days</option>
            <option value="30">30 days</option>
            <option value="90">90 days</option>
            <option value="365">365 days</option>
            {kind === "service" && <option value="never">Never (revoke it when no longer needed)</option>}
          </select>
          <FieldError id="token-expiry-error" messages={form.fieldErrors.expiresIn} />
        </div>
        <button
          disabled={form.pending}
          className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white disabled:opacity-60"
        >
          {form.pending ? "Creating…" : "Create token"}
        </button>
        <FormMessage error={form.formError} success={null} />
      </form>
      <TokenList tokens={tokens} now={now} kind={kind} revoke={actions.revoke} />
    </div>
  );
}

function NewToken({ created, onDone }: { created: { token: string; name: string }; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <section aria-labelledby="created-h" className="space-y-2 rounded-lg border border-green-700 bg-green-50 p-4">
      <h2 id="created-h" className="text-lg font-semibold">
        Token “{created.name}” created
      </h2>
      <p className="text-sm">Copy it now: it is shown only once. Send it as “Authorization: Bearer …”.</p>
      <code
        data-testid="new-token"
        className="block rounded border border-slate-300 bg-white p-2 font-mono text-sm break-all"
      >
        {created.token}
      </code>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          className={button}
          onClick={() =>
            void navigator.clipboard?.writeText(created.token).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          Copy token
        </button>
        <button type="button" className={button} onClick={onDone}>
          I have copied it
        </button>
        <span role="status" className="self-center text-sm text-green-800">
          {copied ? "Copied." : ""}
        </span>
      </div>
    </section>
  );
}

function status(t: TokenRow, now: string): string {
  if (t.revokedAt) return `Revoked ${day(t.revokedAt, "")}`;
  if (t.expiresAt && t.expiresAt <= now) return `Expired ${day(t.expiresAt, "")}`;
  return t.expiresAt ? `Active until ${day(t.expiresAt, "")}` : "Active, no expiry";
}

function TokenList({
  tokens,
  now,
  kind,
  revoke,
}: {
  tokens: TokenRow[];
  now: string;
  kind: "personal" | "service";
  revoke: Actions["revoke"];
}) {
  return (
    <section aria-labelledby="tokens-h" className="space-y-2">
      <h2 id="tokens-h" className="text-xl font-semibold">
        {kind === "service" ? "Service tokens" : "Your tokens"}
      </h2>
      {tokens.length === 0 ? (
        <p className="text-slate-700">No tokens yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {tokens.map((t) => (
            <li key={t.id} className="flex flex-wrap items-start justify-between gap-3 p-3">
              <div className="min-w-0 space-y-1">
                <p className="font-medium break-words">
                  {t.name} <code className="font-mono text-sm text-slate-700">{t.prefix}…</code>
                </p>
                <p className="text-sm break-words text-slate-700">
                  {t.scopes.join(", ")} · {status(t, now)} · last used {day(t.lastUsedAt, "never")}
                  {kind === "service" ? ` · made by ${t.owner}` : ""}
                </p>
              </div>
              {!t.revokedAt && <RevokeButton token={t} revoke={revoke} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RevokeButton({ token, revoke }: { token: TokenRow; revoke: Actions["revoke"] }) {
  const form = useActionForm(revoke);
  const [confirming, setConfirming] = useState(false);
  const error = form.state?.result && !form.state.result.ok ? form.state.result.message : null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {confirming ? (
        <>
          <button
            type="button"
            className={`${button} border-red-700 text-red-800`}
            disabled={form.pending}
            onClick={() => void form.submit({ tokenId: token.id })}
          >
            Revoke now<span className="sr-only"> {token.name}</span>
          </button>
          <button type="button" className={button} onClick={() => setConfirming(false)}>
            Keep
          </button>
        </>
      ) : (
        <button type="button" className={button} onClick={() => setConfirming(true)}>
          Revoke<span className="sr-only"> {token.name}</span>
        </button>
      )}
      {error && (
        <span role="alert" className="basis-full text-sm text-red-800">
          {error}
        </span>
      )}
    </div>
  );
}
