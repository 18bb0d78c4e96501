import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/session";
import { getOutboxPage } from "@/lib/data/pages";
import { orNotFound } from "@/lib/page";
import { mailConfigured } from "@/lib/mail";

export const metadata: Metadata = { title: "Outbox", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function OutboxPage() {
  const actor = await requireActor("/admin/outbox");
  const messages = await orNotFound(getOutboxPage(actor));
  return (
    <div className="space-y-6">
      <p>
        <Link className="text-brand-700 underline" href="/admin">
          Administration
        </Link>{" "}
        / Outbox
      </p>
      <h1 className="text-3xl font-bold">Outbox</h1>
      <p className="max-w-3xl text-slate-700">
        {mailConfigured()
          ? "Mail goes out over SMTP. Delivered messages keep only their address and subject; the body held a single-use link."
          : "No SMTP server is configured, so messages wait here. Each holds a single-use link meant only for its addressee: forward it to them, and to no one else."}
      </p>
      {messages.length === 0 ? (
        <p>No messages yet.</p>
      ) : (
        <ul className="space-y-4">
          {messages.map((m) => (
            <li key={m.id} className="rounded border border-slate-200 bg-white p-4">
              <p className="font-medium break-words">{m.subject}</p>
              <p className="text-sm text-slate-700 break-words">
                To {m.to} · {m.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC · {m.status}
                {m.error ? ` (${m.error})` : ""}
              </p>
              {m.text && <pre className="mt-2 whitespace-pre-wrap break-words text-sm">{m.text}</pre>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
