/** The local SMTP server of the end-to-end run (scripts/ci/smtp-server.mjs), shared by playwright.config.ts and the alert specs. */
export const e2eSmtp = { smtpPort: 3125, httpPort: 3126, httpUrl: "http://127.0.0.1:3126" } as const;

/**
 * The alert settings of the PostgreSQL e2e servers. Every instance on one database needs the
 * same ones: any instance may run the outbox pass or the email jobs.
 */
export const e2eAlertEnv = {
  SMTP_URL: `smtp://127.0.0.1:${e2eSmtp.smtpPort}`,
  MAIL_FROM: "Concierge <alerts@concierge.test>",
  APP_BASE_URL: "http://127.0.0.1:3100",
  // Short, for the specs: a member's email after 5 s unread; a breach sweep every 3 s.
  MEMBER_EMAIL_DELAY_SECONDS: "5",
  SLA_SWEEP_SECONDS: "3",
} as const;

export type CapturedMail = { to: string[]; subject: string; text: string; html: string; raw: string; receivedAt: string };

export async function capturedMail(to?: string): Promise<CapturedMail[]> {
  const response = await fetch(`${e2eSmtp.httpUrl}/messages`);
  const all = (await response.json()) as CapturedMail[];
  return to ? all.filter((m) => m.to.includes(to)) : all;
}
