/**
 * Outgoing mail over SMTP (nodemailer). The one place that talks to the mail server; what
 * is written in an email is decided by lib/domain/email/email-content.ts, which carries no
 * PHI. Unconfigured (no SMTP_URL) → nothing is sent and the caller logs the skip.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "../env";

export type OutgoingMail = { to: string; subject: string; text: string; html: string };

let cached: { url: string; transport: Transporter } | undefined;

export function mailConfigured(): boolean {
  return Boolean(getEnv().SMTP_URL);
}

function transport(url: string): Transporter {
  if (cached?.url !== url) {
    cached = {
      url,
      // No pooling: each send opens its own connection, so an SMTP server that went away and
      // came back needs nothing reset here. Short timeouts: a stalled server must fail the job
      // (it is retried with back-off), not hold the worker.
      transport: nodemailer.createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }),
    };
  }
  return cached.transport;
}

/** Sends one email; throws when the server refuses or cannot be reached. */
export async function sendMail(mail: OutgoingMail): Promise<"sent" | "skipped"> {
  const env = getEnv();
  if (!env.SMTP_URL) return "skipped";
  await transport(env.SMTP_URL).sendMail({ from: env.MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
  return "sent";
}

/** Where links in emails point: APP_BASE_URL, else AUTH_URL, else a local address. */
export function appBaseUrl(): string {
  const env = getEnv();
  return (env.APP_BASE_URL ?? env.AUTH_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}
