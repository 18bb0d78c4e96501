import type { Metadata } from "next";
import Link from "next/link";
import { readUnsubscribeLink } from "@/lib/data/notifications";
import { KIND_INFO } from "@/lib/domain/notifications";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Unsubscribe", referrer: "no-referrer", robots: { index: false } };
export const dynamic = "force-dynamic";

const DIGEST = "Weekly digest";
/** What a kind is called on this page; the done state shows only these, never text taken as-is from the address. */
const shownLabel = (label: string) => (label === DIGEST ? "the weekly digest" : label);
const KNOWN = new Set<string>([DIGEST, ...Object.values(KIND_INFO).map((i) => i.label)]);

const box = "rounded-lg border p-5";
const settings = "text-brand-700 underline hover:text-brand-900";

/**
 * The page behind an email's "stop these emails" link. Works signed out. Opening it never changes anything (mail
 * scanners open links); the button posts to /api/unsubscribe, which comes back here with `done=1`.
 */
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  if (firstParam(sp.done) === "1") {
    const label = firstParam(sp.label);
    return (
      <section className="mx-auto max-w-xl space-y-4" aria-labelledby="unsubscribe-h">
        <h1 id="unsubscribe-h" className="text-2xl font-semibold">
          Emails stopped
        </h1>
        <p role="status" className={`${box} border-green-300 bg-green-50 text-green-800`}>
          {label && KNOWN.has(label)
            ? `Done. You will no longer get emails about ${shownLabel(label)}.`
            : "Done. You will no longer get these emails."}
        </p>
        <p>
          You will still see these notifications in the app. To change any of your choices, see{" "}
          <Link className={settings} href="/account#notifications">
            your notification settings
          </Link>
          .
        </p>
      </section>
    );
  }

  const q = { u: firstParam(sp.u), k: firstParam(sp.k), t: firstParam(sp.t) };
  const link = readUnsubscribeLink(q);
  if (!link) {
    return (
      <section className="mx-auto max-w-xl space-y-4" aria-labelledby="unsubscribe-h">
        <h1 id="unsubscribe-h" className="text-2xl font-semibold">
          Unsubscribe
        </h1>
        <p className={`${box} border-red-300 bg-red-50 text-red-800`}>
          This unsubscribe link is not valid.{" "}
          <Link className="underline" href="/account#notifications">
            Sign in to change your notification settings.
          </Link>
        </p>
      </section>
    );
  }

  const label = shownLabel(link.kind === "digest" ? DIGEST : KIND_INFO[link.kind].label);
  return (
    <section className="mx-auto max-w-xl space-y-4" aria-labelledby="unsubscribe-h">
      <h1 id="unsubscribe-h" className="text-2xl font-semibold break-words">
        Stop emails about {label}?
      </h1>
      <p className="text-slate-700">
        You will still see these notifications in the app when you sign in. Your other email choices stay as they are.
      </p>
      <form method="post" action="/api/unsubscribe" className={`${box} space-y-3 border-slate-200 bg-white`}>
        <input type="hidden" name="u" value={link.userId} />
        <input type="hidden" name="k" value={link.kind} />
        <input type="hidden" name="t" value={q.t} />
        <button className="min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900">
          Stop these emails
        </button>
      </form>
      <p>
        Or choose exactly what you get in{" "}
        <Link className={settings} href="/account#notifications">
          your notification settings
        </Link>{" "}
        (you will be asked to sign in).
      </p>
    </section>
  );
}
