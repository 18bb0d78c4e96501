/**
 * A real SMTP listener for the browser tests (smtp-server + mailparser), with a small HTTP API to read what arrived:
 *   GET /messages?to=<address>  → [{ to, subject, text, html, receivedAt }]   GET /health → ok
 * Started by playwright.config.ts as a second web server; the app sends to it through nodemailer (SMTP_URL).
 * Usage: tsx tests/support/mail-sink.ts  (MAIL_SINK_SMTP_PORT, MAIL_SINK_HTTP_PORT)
 */
import http from "node:http";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

type Received = { to: string[]; subject: string; text: string; html: string; receivedAt: string };

const smtpPort = Number(process.env.MAIL_SINK_SMTP_PORT ?? 2525);
const httpPort = Number(process.env.MAIL_SINK_HTTP_PORT ?? 2580);
const messages: Received[] = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          html: typeof mail.html === "string" ? mail.html : "",
          receivedAt: new Date().toISOString(),
        });
        callback();
      })
      .catch((e: Error) => callback(e));
  },
});
smtp.listen(smtpPort, "127.0.0.1");

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://sink");
    if (url.pathname === "/health") return void res.end("ok");
    if (url.pathname === "/messages") {
      const to = url.searchParams.get("to")?.toLowerCase();
      res.setHeader("content-type", "application/json");
      return void res.end(JSON.stringify(to ? messages.filter((m) => m.to.includes(to)) : messages));
    }
    res.statusCode = 404;
    res.end();
  })
  .listen(httpPort, "127.0.0.1", () => console.log(`mail sink: smtp ${smtpPort}, http ${httpPort}`));
