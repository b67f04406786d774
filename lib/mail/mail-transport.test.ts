import { describe, expect, it } from "vitest";
import { sendMail } from "./mail-transport";

describe("sendMail", () => {
  it("skips (and sends nothing) when SMTP_URL is not configured", async () => {
    delete process.env.SMTP_URL;
    expect(await sendMail({ to: "x@example.test", subject: "s", text: "t", html: "h" })).toBe("skipped");
  });
});
