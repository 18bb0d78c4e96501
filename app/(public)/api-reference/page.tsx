import type { Metadata } from "next";
import Link from "next/link";
import { openApiDocument } from "@/lib/api/openapi";
import { API_SCOPES } from "@/lib/domain/api-scopes";
import { publicUrl } from "@/lib/env";
import { operationsOf, type Field, type OperationView } from "./reference";

export const metadata: Metadata = { title: "API reference" };
export const dynamic = "force-dynamic";

const CODE = "overflow-x-auto rounded border border-slate-200 bg-slate-100 p-3 font-mono text-sm whitespace-pre";

/** Text from the document, where `backticks` mark code. */
function Prose({ text }: { text: string }) {
  return text.split(/`([^`]+)`/).map((part, i) =>
    i % 2 ? (
      <code key={i} className="font-mono">
        {part}
      </code>
    ) : (
      part
    ),
  );
}

/**
 * A code block that scrolls inside its own box. Focusable, so the keyboard can scroll it too; a named region, so a
 * screen reader says what it is when it takes focus.
 */
function CodeBlock({ label, children }: { label: string; children: string }) {
  return (
    <pre className={CODE} tabIndex={0} role="region" aria-label={label}>
      <code>{children}</code>
    </pre>
  );
}

function Fields({ fields }: { fields: (Field & { in?: string })[] }) {
  return (
    <dl className="space-y-2">
      {fields.map((f) => (
        <div key={`${f.in ?? "body"}:${f.name}`}>
          <dt className="text-sm">
            <code className="font-mono font-semibold break-all">{f.name}</code>{" "}
            <span className="text-slate-700">
              {f.in ? `${f.in}, ` : ""}
              {f.type}
              {f.required ? ", required" : ""}
            </span>
          </dt>
          {f.description && (
            <dd className="ml-4 text-sm text-slate-700">
              <Prose text={f.description} />
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}

function Operation({ op }: { op: OperationView }) {
  return (
    <section aria-labelledby={`op-${op.id}`} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={`op-${op.id}`} className="text-lg font-semibold break-all">
        <span className="rounded bg-brand-100 px-2 py-0.5 font-mono text-sm text-brand-900">{op.method}</span>{" "}
        <code className="font-mono">{op.path}</code>
      </h3>
      <p className="font-medium">{op.summary}</p>
      <p className="text-slate-700">
        <Prose text={op.description} />
      </p>
      <p className="text-sm">
        {op.scope === null ? (
          "Public: no token needed."
        ) : op.scope === "any" ? (
          "Any valid token."
        ) : (
          <>
            Scope: <code className="font-mono font-semibold">{op.scope}</code>
          </>
        )}
      </p>
      {op.parameters.length > 0 && (
        <>
          <h4 className="font-semibold">Parameters</h4>
          <Fields fields={op.parameters} />
        </>
      )}
      {op.body.length > 0 && (
        <>
          <h4 className="font-semibold">Request body (JSON)</h4>
          <Fields fields={op.body} />
        </>
      )}
      <h4 className="font-semibold">Responses</h4>
      <ul className="space-y-1 text-sm">
        {op.responses.map((r) => (
          <li key={r.status}>
            <code className="font-mono font-semibold">{r.status}</code> <Prose text={r.description} />
          </li>
        ))}
      </ul>
      <h4 className="font-semibold">Example</h4>
      <CodeBlock label={`curl example for ${op.method} ${op.path}`}>{op.curl}</CodeBlock>
    </section>
  );
}

/** The API reference, rendered from the same OpenAPI document /api/v1/openapi.json serves. */
export default function ApiReferencePage() {
  const doc = openApiDocument();
  const operations = operationsOf(doc);
  const tags = (doc.tags ?? []).filter((t) => operations.some((o) => o.tag === t.name));
  return (
    <div className="max-w-3xl space-y-8">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold">API reference</h1>
        <p className="text-slate-700">
          The skillgap API lets a script read and write skillgap data as you. A token never sees more than you can in
          the app, and only what its scopes allow. The machine-readable description is{" "}
          <a className="underline" href="/api/v1/openapi.json">
            /api/v1/openapi.json
          </a>{" "}
          (OpenAPI 3.1).
        </p>
      </header>

      <section aria-labelledby="tokens" className="space-y-3">
        <h2 id="tokens" className="text-2xl font-semibold">
          Getting a token
        </h2>
        <p>
          Make a token on <Link href="/account/tokens">your API tokens page</Link>: give it a name, tick the scopes it
          needs and choose when it expires. It is shown once; keep it somewhere safe. Send it with every request:
        </p>
        <CodeBlock label="Setting up the token">
          {`export SKILLGAP_URL=${publicUrl()}\nexport SKILLGAP_TOKEN=sgp_…   # from /account/tokens\ncurl -H "Authorization: Bearer $SKILLGAP_TOKEN" "$SKILLGAP_URL/api/v1/me"`}
        </CodeBlock>
        <h3 className="text-lg font-semibold">Scopes</h3>
        <dl className="space-y-2">
          {API_SCOPES.map((s) => (
            <div key={s.name}>
              <dt>
                <code className="font-mono font-semibold">{s.name}</code> — {s.label}
              </dt>
              <dd className="ml-4 text-sm text-slate-700">{s.description}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="conventions" className="space-y-3">
        <h2 id="conventions" className="text-2xl font-semibold">
          Lists and errors
        </h2>
        <p>
          Lists answer <code className="font-mono">{`{ "data": [...], "nextCursor": "..." }`}</code>. Ask for up to 100
          rows with <code className="font-mono">limit</code> (50 if you leave it out) and pass{" "}
          <code className="font-mono">nextCursor</code> as <code className="font-mono">cursor</code> to get the next
          page, until it is <code className="font-mono">null</code>. Rows added while you page never make you miss or
          repeat another row.
        </p>
        <p>
          Errors are problem documents (<code className="font-mono">application/problem+json</code>, RFC 9457) with a{" "}
          <code className="font-mono">detail</code> in plain words; bad input also lists each field in{" "}
          <code className="font-mono">errors</code>, and nothing is changed. Something you may not see answers 404,
          exactly as something that does not exist. Each token may make a limited number of requests a minute; past it
          the answer is 429 with <code className="font-mono">Retry-After</code>.
        </p>
        <CodeBlock label="An error answer">
          {`{\n  "type": "about:blank",\n  "title": "Bad Request",\n  "status": 400,\n  "detail": "Please correct: Ratings row 2, Level: must be from 0 to 5.",\n  "errors": { "ratings.1.level": ["Level must be from 0 to 5."] }\n}`}
        </CodeBlock>
      </section>

      {tags.map((tag) => (
        <section key={tag.name} aria-labelledby={`tag-${tag.name}`} className="space-y-4">
          <h2 id={`tag-${tag.name}`} className="text-2xl font-semibold">
            {tag.name}
          </h2>
          {tag.description && <p className="text-slate-700">{tag.description}</p>}
          {operations
            .filter((o) => o.tag === tag.name)
            .map((op) => (
              <Operation key={`${op.method} ${op.path}`} op={op} />
            ))}
        </section>
      ))}
    </div>
  );
}
