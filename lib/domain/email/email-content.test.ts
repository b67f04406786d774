import { describe, expect, it } from "vitest";
import { memberReplyEmail, staffAlertEmail } from "./email-content";
import { stableJobId } from "./email-jobs";

describe("alert email content", () => {
  it("says only that there is something to read, with a sign-in link", () => {
    const mail = memberReplyEmail("m@example.test", "https://app.example.test");
    expect(mail).toMatchObject({ to: "m@example.test", subject: "You have a new message from your care team" });
    expect(mail.text).toBe(
      "You have a new message from your care team.\n\nFor your privacy, we do not include it in email. Sign in to read it.\n\nhttps://app.example.test/messages\n",
    );
    expect(mail.html).toContain('href="https://app.example.test/messages"');
    const staff = staffAlertEmail("s@example.test", "SLA_BREACH", "https://app.example.test");
    expect(staff.subject).toBe("A conversation in your team's queue is past its response target");
    expect(staff.text).toContain("https://app.example.test/console\n");
  });

  it("derives the same well-formed job id from the same key", () => {
    const id = stableJobId("email.member-reply:a:b:never");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableJobId("email.member-reply:a:b:never")).toBe(id);
    expect(stableJobId("email.member-reply:a:b:2026-01-01T00:00:00.000Z")).not.toBe(id);
  });
});
