/**
 * Mail templates: plain text plus simple HTML, each with the product's name and one action link built from the
 * public URL. Pure functions; the caller passes the link.
 */
import type { TeamRole } from "@/lib/domain/types";

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** One-click unsubscribe address (List-Unsubscribe, RFC 8058), for notification mail. */
  unsubscribeUrl?: string | null;
};

const PRODUCT = "skillgap";

const escapeHtml = (s: string) =>
  s
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");

type Body = { to: string; subject: string; lines: string[]; action?: { label: string; url: string }; footer?: string };

function render({ to, subject, lines, action, footer }: Body): MailMessage {
  const text = [
    ...lines,
    ...(action ? ["", `${action.label}: ${action.url}`] : []),
    "",
    footer ?? `If you did not expect this message, you can ignore it.`,
    "",
    `— ${PRODUCT}`,
  ].join("\n");
  const html = [
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#0f172a">`,
    `<p style="font-weight:700;color:#1e3a8a">${PRODUCT}</p>`,
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    action
      ? `<p><a href="${escapeHtml(action.url)}" style="display:inline-block;background:#1d4ed8;color:#fff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p><p style="font-size:13px;color:#475569">Or paste this link into your browser: ${escapeHtml(action.url)}</p>`
      : "",
    `<p style="font-size:13px;color:#475569">${escapeHtml(footer ?? "If you did not expect this message, you can ignore it.")}</p>`,
    `</body></html>`,
  ].join("\n");
  return { to, subject: `${subject} · ${PRODUCT}`, text, html };
}

const hours = (ms: number) => Math.round(ms / 3_600_000);

export function verifyEmailMail(o: { to: string; url: string; validForMs: number }): MailMessage {
  return render({
    to: o.to,
    subject: "Confirm your email address",
    lines: [
      `Someone (we hope you) created a ${PRODUCT} account with this address.`,
      `Confirm the address to join teams and take part in reviews. The link works once, for ${hours(o.validForMs)} hours.`,
    ],
    action: { label: "Confirm my email address", url: o.url },
    footer: "If you did not create an account, ignore this message: the account stays unconfirmed.",
  });
}

export function existingAccountMail(o: { to: string; signInUrl: string; resetUrl: string }): MailMessage {
  return render({
    to: o.to,
    subject: "You already have an account",
    lines: [
      `Someone tried to create a ${PRODUCT} account with this address, but you already have one.`,
      `Sign in at ${o.signInUrl}. If you forgot your password, you can choose a new one.`,
    ],
    action: { label: "Choose a new password", url: o.resetUrl },
    footer: "If this was not you, nothing has changed and you can ignore this message.",
  });
}

export function resetPasswordMail(o: { to: string; url: string; validForMs: number }): MailMessage {
  return render({
    to: o.to,
    subject: "Choose a new password",
    lines: [
      `We received a request to reset the password of your ${PRODUCT} account.`,
      `The link works once, for ${Math.max(1, Math.round(o.validForMs / 60_000))} minutes. Choosing a new password signs you out everywhere.`,
    ],
    action: { label: "Choose a new password", url: o.url },
    footer: "If you did not ask for this, ignore this message: your password stays as it is.",
  });
}

export function invitationMail(o: {
  to: string;
  teamName: string;
  inviterName: string;
  role: TeamRole;
  url: string;
  expiresAt: Date;
}): MailMessage {
  const as = o.role === "manager" ? "a manager" : "a member";
  return render({
    to: o.to,
    subject: `Invitation to join ${o.teamName}`,
    lines: [
      `${o.inviterName} invited you to join the team "${o.teamName}" on ${PRODUCT} as ${as}.`,
      o.role === "manager"
        ? "As a manager you would see each member's ratings and run their reviews."
        : "As a member, the team's managers would see your skill ratings, and you could take part in reviews.",
      `Nothing happens until you accept. The invitation is open until ${o.expiresAt.toISOString().slice(0, 10)}; you can also decline it.`,
    ],
    action: { label: "See the invitation", url: o.url },
    footer: "If you do not know this team, decline the invitation or ignore this message.",
  });
}

/** A notification by email: its title and text, a link to the thing, and how to stop this kind of email. */
export function notificationMail(o: {
  to: string;
  title: string;
  body: string;
  url: string;
  kindLabel: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
}): MailMessage {
  return {
    ...render({
      to: o.to,
      subject: o.title,
      lines: [o.body],
      action: { label: "Open in skillgap", url: o.url },
      footer: `You get this because "${o.kindLabel}" emails are on. Stop them: ${o.unsubscribeUrl} · All your choices: ${o.preferencesUrl}`,
    }),
    unsubscribeUrl: o.unsubscribeUrl,
  };
}

/** The weekly digest (opt-in): its lines, a link into the app, and how to stop it (footer and List-Unsubscribe). */
export function digestMail(o: {
  to: string;
  subject: string;
  lines: string[];
  url: string;
  unsubscribeUrl: string;
  preferencesUrl: string;
}): MailMessage {
  return {
    ...render({
      to: o.to,
      subject: o.subject,
      lines: o.lines,
      action: { label: "Open skillgap", url: o.url },
      footer: `You get this because the weekly digest is on. Stop it: ${o.unsubscribeUrl} · All your choices: ${o.preferencesUrl}`,
    }),
    unsubscribeUrl: o.unsubscribeUrl,
  };
}
