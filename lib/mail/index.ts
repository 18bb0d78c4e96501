import "server-only";
import { log } from "@/lib/observability";
import { db } from "@/lib/data/db";
import type { Tx } from "@/lib/data/open";
import { env, publicUrl } from "@/lib/env";
import { sendOverSmtp, smtpTransport } from "./transport";
import type { MailMessage } from "./templates";

export type { MailMessage } from "./templates";

/** An absolute link into the app, built from the public URL (NEXTAUTH_URL). */
export function appLink(path: string): string {
  return `${publicUrl()}${path.startsWith("/") ? path : `/${path}`}`;
}

/** True when SMTP_URL is set; otherwise mail is kept in the outbox for the admin Outbox page. */
export function mailConfigured(): boolean {
  return Boolean(env().SMTP_URL);
}

/**
 * Queues a message in the outbox inside the caller's transaction, so a message exists exactly when the change that
 * caused it committed. Call `deliverMail(ids)` after the transaction to send it.
 */
export async function queueMail(tx: Tx, message: MailMessage): Promise<string> {
  const row = await tx.outboxMessage.create({
    data: { to: message.to, subject: message.subject, text: message.text, html: message.html },
    select: { id: true },
  });
  return row.id;
}

/**
 * Sends queued messages over SMTP. Never throws: a failure is recorded on the message (status failed, the error's
 * first line) and logged. A delivered message keeps only its address and subject: the body held a single-use link.
 * Without SMTP it does nothing, and the messages stay readable on the admin Outbox page.
 */
export async function deliverMail(ids: string[]): Promise<void> {
  const transport = smtpTransport();
  if (!transport || ids.length === 0) return;
  const prisma = await db();
  const pending = await prisma.outboxMessage.findMany({ where: { id: { in: ids }, status: { not: "sent" } } });
  for (const m of pending) {
    try {
      await sendOverSmtp(transport, m);
      await prisma.outboxMessage.update({
        where: { id: m.id },
        data: { status: "sent", sentAt: new Date(), attempts: { increment: 1 }, text: "", html: "", error: null },
      });
    } catch (e) {
      const error = (e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 300);
      // The log names the message by id; an address in the server's reply is masked (logs carry no emails).
      log().error(
        { outboxId: m.id, error: error.replace(/[^\s@<>"']+@[^\s@<>"']+/g, "[address]") },
        "mail delivery failed",
      );
      await prisma.outboxMessage
        .update({ where: { id: m.id }, data: { status: "failed", error, attempts: { increment: 1 } } })
        .catch(() => undefined);
    }
  }
}

/** Queues and sends one message outside any other transaction. */
export async function sendMail(message: MailMessage): Promise<void> {
  const prisma = await db();
  const id = await prisma.$transaction((tx) => queueMail(tx, message));
  await deliverMail([id]);
}
