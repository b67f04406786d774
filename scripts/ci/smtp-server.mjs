#!/usr/bin/env node
// A local SMTP server for the end-to-end tests (npm smtp-server, a dev dependency): the
// PostgreSQL e2e server sends its alert emails here. Every message is kept in memory and
// served, decoded, as JSON over HTTP so specs can read exactly what left the app:
//   GET    http://127.0.0.1:<httpPort>/messages   → [{to, subject, text, html, raw, receivedAt}]
//   DELETE http://127.0.0.1:<httpPort>/messages   → forget them
// Usage: node scripts/ci/smtp-server.mjs <smtpPort> <httpPort>. Runs until killed; Playwright
// starts and stops it (playwright.config.ts).
import { createServer } from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const [smtpPort, httpPort] = process.argv.slice(2).map(Number);
if (!smtpPort || !httpPort) {
  console.error("usage: smtp-server.mjs <smtpPort> <httpPort>");
  process.exit(2);
}

/** @type {{to: string[], subject: string, text: string, html: string, raw: string, receivedAt: string}[]} */
let messages = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    const chunks = [];
    stream.on("data", (c) => chunks.push(c));
    stream.on("end", async () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      try {
        const parsed = await simpleParser(raw);
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject ?? "",
          text: parsed.text ?? "",
          html: typeof parsed.html === "string" ? parsed.html : "",
          raw,
          receivedAt: new Date().toISOString(),
        });
        callback();
      } catch (error) {
        callback(error);
      }
    });
  },
});

const http = createServer((req, res) => {
  if (req.url !== "/messages") {
    res.writeHead(404).end();
    return;
  }
  if (req.method === "DELETE") messages = [];
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(messages));
});

smtp.listen(smtpPort, "127.0.0.1", () => {
  http.listen(httpPort, "127.0.0.1", () => console.log(`smtp-server listening on 127.0.0.1:${smtpPort} (messages at http://127.0.0.1:${httpPort}/messages)`));
});
const stop = () => smtp.close(() => http.close(() => process.exit(0)));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
