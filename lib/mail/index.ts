import "server-only";
import { log } from "@/lib/observability";
import { Prisma } from "@/lib/generated/prisma/client";
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
    data: {
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      unsubscribeUrl: message.unsubscribeUrl ?? null,
    },
    select: { id: true },
  });
  return row.id;
}

/**
 * Sends queued messages over SMTP. Never throws: a failure is recorded on the message (status failed, the error's
 * first line) and logged. A delivered message keeps only its address and subject: the body held a single-use link.
 * Without SMTP it does nothing, and the messages stay readable on the admin Outbox page.
 *
 * Each message is first claimed (pending or failed → sending, in one UPDATE), so two processes handed the same ids —
 * the request that queued it and the outbox job of another replica — never both send it. A process that dies after
 * claiming leaves the message "sending": it is not sent again automatically (the SMTP server may already have it),
 * and the outbox job marks it failed after a while, for an admin to look at.
 */
export async function deliverMail(ids: string[]): Promise<void> {
  const transport = smtpTransport();
  if (!transport || ids.length === 0) return;
  const prisma = await db();
  const claimed = await prisma.$queryRaw<
    { id: string; to: string; subject: string; text: string; html: string; unsubscribeUrl: string | null }[]
  >`UPDATE "OutboxMessage" SET "status" = 'sending', "attempts" = "attempts" + 1
    WHERE "id" IN (${Prisma.join(ids)}) AND "status" IN ('pending', 'failed')
    RETURNING "id", "to", "subject", "text", "html", "unsubscribeUrl"`;
  for (const m of claimed) {
    try {
      await sendOverSmtp(transport, { ...m, messageId: `<${m.id}@skillgap>` });
      await prisma.outboxMessage.update({
        where: { id: m.id },
        data: { status: "sent", sentAt: new Date(), text: "", html: "", error: null },
      });
    } catch (e) {
      const error = (e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 300);
      // The log names the message by id; an address in the server's reply is masked (logs carry no emails).
      log().error(
        { outboxId: m.id, error: error.replace(/[^\s@<>"']+@[^\s@<>"']+/g, "[address]") },
        "mail delivery failed",
      );
      await prisma.outboxMessage
        .update({ where: { id: m.id }, data: { status: "failed", error } })
        .catch(() => undefined);
    }
  }
}

/**
 * The outbox job: sends messages still pending a minute after they were queued (their request's process died, or
 * was stopped, between commit and delivery), and marks as failed those stuck "sending" for 10 minutes.
 */
export async function deliverPendingMail(now = new Date()): Promise<number> {
  if (!smtpTransport()) return 0;
  const prisma = await db();
  await prisma.outboxMessage.updateMany({
    where: { status: "sending", createdAt: { lt: new Date(now.getTime() - 10 * 60_000) } },
    data: { status: "failed", error: "Interrupted while sending; not resent automatically, to avoid a duplicate." },
  });
  const pending = await prisma.outboxMessage.findMany({
    where: { status: "pending", createdAt: { lt: new Date(now.getTime() - 60_000) } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: 200,
  });
  await deliverMail(pending.map((p) => p.id));
  return pending.length;
}

/** Queues and sends one message outside any other transaction. */
export async function sendMail(message: MailMessage): Promise<void> {
  const prisma = await db();
  const id = await prisma.$transaction((tx) => queueMail(tx, message));
  await deliverMail([id]);
}
