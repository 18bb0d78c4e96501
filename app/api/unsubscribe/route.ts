import { parseInput, toActionError } from "@/lib/actions/safe-action";
import { NotFoundError } from "@/lib/data/errors";
import { unsubscribe } from "@/lib/data/notifications";
import { z } from "@/lib/validation";

export const dynamic = "force-dynamic";

/** Larger than any real form or one-click body (a few dozen bytes), small enough never to be worth reading further. */
const MAX_BODY_BYTES = 16 * 1024;
const NO_STORE = { "Cache-Control": "no-store" };

// Any text: whether it names a person and a kind is the signature's call (lib/data/notifications.ts), not the shape's.
const part = z.string().max(200).optional();
const linkSchema = z.object({ u: part, k: part, t: part });

// The same answer as every other id nobody may see (the /unsubscribe page explains a bad link before any POST).
const NOT_FOUND = "Not found.";

type Body = { fields: URLSearchParams } | { tooLarge: true };

/** The body's form fields (urlencoded or multipart), read no further than MAX_BODY_BYTES; anything unreadable is none. */
async function readFields(req: Request): Promise<Body> {
  if (Number(req.headers.get("content-length")) > MAX_BODY_BYTES) return { tooLarge: true };
  const fields = new URLSearchParams();
  if (!req.body) return { fields };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      return { tooLarge: true };
    }
    chunks.push(value);
  }
  const bytes = Buffer.concat(chunks);
  const type = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "multipart/form-data") {
    try {
      const fd = await new Response(bytes, {
        headers: { "content-type": req.headers.get("content-type")! },
      }).formData();
      for (const [k, v] of fd.entries()) if (typeof v === "string") fields.append(k, v);
    } catch {
      // A broken multipart body carries no fields; the query string may still name the link.
    }
    return { fields };
  }
  return { fields: new URLSearchParams(new TextDecoder().decode(bytes)) };
}

/**
 * Turns off one kind of notification email (or the weekly digest) from a signed link; works signed out.
 * - RFC 8058 one-click: a mail client POSTs `List-Unsubscribe=One-Click` to the link (u, k, t in the query): 200.
 * - The confirmation form on /unsubscribe: u, k, t as fields; 303 back to the page's done state.
 * A bad, forged or altered link answers 404 and changes nothing, whatever the query string or body.
 */
export async function POST(req: Request): Promise<Response> {
  const query = new URL(req.url).searchParams;
  const body = await readFields(req);
  if ("tooLarge" in body) {
    const message = `The body is too large (at most ${MAX_BODY_BYTES / 1024} KB).`;
    return Response.json({ error: message, errors: { body: [message] } }, { status: 413, headers: NO_STORE });
  }
  const oneClick = body.fields.get("List-Unsubscribe") === "One-Click";
  const from = (key: string) => query.get(key) ?? body.fields.get(key) ?? undefined;
  const parsed = parseInput(linkSchema, { u: from("u"), k: from("k"), t: from("t") });
  const invalid = () => Response.json({ error: NOT_FOUND }, { status: 404, headers: NO_STORE });
  if (!parsed.ok) return invalid();
  try {
    const { label } = await unsubscribe(parsed.data);
    if (oneClick) return Response.json({ unsubscribed: label }, { headers: NO_STORE });
    // Relative, so the address is the one the browser used, whatever host the app sees behind a proxy.
    return new Response(null, {
      status: 303,
      headers: { Location: `/unsubscribe?${new URLSearchParams({ done: "1", label })}`, ...NO_STORE },
    });
  } catch (e) {
    if (e instanceof NotFoundError) return invalid();
    const r = toActionError(e);
    return Response.json({ error: r.message }, { status: 500, headers: NO_STORE });
  }
}

/** A mail client that opens the link instead of posting to it gets the confirmation page: a GET never changes anything. */
export async function GET(req: Request): Promise<Response> {
  const query = new URL(req.url).searchParams;
  const keep = new URLSearchParams();
  for (const key of ["u", "k", "t"]) {
    const v = query.get(key);
    if (v !== null && v.length <= 200) keep.set(key, v);
  }
  return new Response(null, { status: 303, headers: { Location: `/unsubscribe?${keep}`, ...NO_STORE } });
}
