/**
 * ⚠ SECURITY: the only words alert emails carry (DESIGN.md §4 Alerts). Email leaves our
 * control — it is stored on other servers and read on lock screens — so it says only that
 * there is something to read, with a link that requires signing in: no names, no message
 * text, no subjects written by members, no health context, no thread or ticket ids. Every
 * string here is fixed; nothing from the database is put in, and the tests check the
 * captured mail for the data they wrote.
 */
import type { OutgoingMail } from "../../mail/mail-transport";

export type StaffAlertType = "NEW_TICKET" | "MENTION" | "SLA_BREACH";

const staffSubjects: Record<StaffAlertType, string> = {
  NEW_TICKET: "A new conversation is waiting in your team's queue",
  MENTION: "A colleague mentioned you in a conversation",
  SLA_BREACH: "A conversation in your team's queue is past its response target",
};

function html(lines: string[], link: string, linkLabel: string): string {
  const paragraphs = lines.map((l) => `<p>${l}</p>`).join("");
  return `<!doctype html><html><body style="font-family:sans-serif">${paragraphs}<p><a href="${link}">${linkLabel}</a></p></body></html>`;
}

export function memberReplyEmail(to: string, baseUrl: string): OutgoingMail {
  const link = `${baseUrl}/messages`;
  const lines = ["You have a new message from your care team.", "For your privacy, we do not include it in email. Sign in to read it."];
  return {
    to,
    subject: "You have a new message from your care team",
    text: `${lines.join("\n\n")}\n\n${link}\n`,
    html: html(lines, link, "Sign in to read it"),
  };
}

export function staffAlertEmail(to: string, type: StaffAlertType, baseUrl: string): OutgoingMail {
  const link = `${baseUrl}/console`;
  const lines = [`${staffSubjects[type]}.`, "Details are never sent by email. Sign in to the console to see it."];
  return { to, subject: staffSubjects[type], text: `${lines.join("\n\n")}\n\n${link}\n`, html: html(lines, link, "Open the console") };
}
