import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import type { MailMessage } from "./templates";

let cached: { url: string; transport: Transporter } | undefined;

/** The SMTP transport for SMTP_URL, or null when mail is not configured (messages then stay in the outbox). */
export function smtpTransport(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}

/** Sends one message over SMTP; throws the transport's error. */
export async function sendOverSmtp(
  transport: Transporter,
  message: MailMessage & { messageId?: string },
): Promise<void> {
  await transport.sendMail({
    from: env().MAIL_FROM,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    // The stable id makes a resend recognisable; the unsubscribe headers give mail clients a one-click button.
    ...(message.messageId ? { messageId: message.messageId } : {}),
    ...(message.unsubscribeUrl
      ? {
          list: { unsubscribe: { url: message.unsubscribeUrl, comment: "Unsubscribe" } },
          headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
        }
      : {}),
  });
}
