// Left ajar (issue 9): typing for an internal note was prevented only in the browser. The
// server refuses it: no typing event can exist for a note, whatever the client sends.
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { actorFor } from "../../../test/actors";
import { createThread } from "../threads/create-thread";
import { announceTyping } from "./announce-typing";

async function sunriseThread() {
  const member = await actorFor("member@demo.test");
  const { thread } = await createThread(member, { subject: "Typing test", body: "A question", clientMessageId: `typing-${crypto.randomUUID()}` });
  return thread.id;
}

describe("announceTyping", () => {
  it("announces a reply the member will read, without the typist's id in the payload", async () => {
    const guide = await actorFor("guide@demo.test");
    const threadId = await sunriseThread();
    const event = await announceTyping(guide, threadId, { visibility: "member" });
    expect(event).toMatchObject({ type: "typing", seq: null, threadId, userId: guide.userId, payload: { threadId, role: "CARE_GUIDE" } });
  });

  it("refuses an internal note (422): no typing event exists for a note", async () => {
    const guide = await actorFor("guide@demo.test");
    const threadId = await sunriseThread();
    await expect(announceTyping(guide, threadId, { visibility: "internal" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("refuses a call that does not say what is written, or says something else", async () => {
    const guide = await actorFor("guide@demo.test");
    const threadId = await sunriseThread();
    for (const input of [{}, { visibility: "public" }, { visibility: "member", body: "draft text" }]) {
      await expect(announceTyping(guide, threadId, input as never)).rejects.toBeInstanceOf(ZodError);
    }
  });
});
