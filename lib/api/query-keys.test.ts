import { describe, expect, it } from "vitest";
import type { MessageView } from "@/lib/domain/messages/schemas";
import { appendMessage, flattenMessages, type MessagePage, type Paged } from "./query-keys";

const message = (id: string, createdAt: string): MessageView => ({
  id,
  threadId: "t",
  body: "",
  visibility: "member",
  author: { id: "a", name: "A", role: "MEMBER" },
  createdAt,
  clientMessageId: `c-${id}`,
  attachments: [],
});

// pages[0] is the newest page; items run oldest → newest within a page.
const data: Paged<MessagePage> = {
  pages: [
    { items: [message("c", "2026-01-01T00:00:03.000Z"), message("d", "2026-01-01T00:00:04.000Z")], nextCursor: "older" },
    { items: [message("a", "2026-01-01T00:00:01.000Z"), message("b", "2026-01-01T00:00:02.000Z")], nextCursor: null },
  ],
  pageParams: [null, "older"],
};

describe("thread message caches", () => {
  it("flatten into display order, oldest first", () => {
    expect(flattenMessages(data).map((m) => m.id)).toEqual(["a", "b", "c", "d"]);
    expect(flattenMessages(undefined)).toEqual([]);
  });

  it("append a new message to the newest page, in time order, once", () => {
    const late = appendMessage(data, message("e", "2026-01-01T00:00:05.000Z"));
    expect(flattenMessages(late).map((m) => m.id)).toEqual(["a", "b", "c", "d", "e"]);
    expect(late!.pages[1]).toBe(data.pages[1]);
    expect(appendMessage(late, message("e", "2026-01-01T00:00:05.000Z"))).toBe(late);
    // Already on an older page: unchanged.
    expect(appendMessage(data, message("a", "2026-01-01T00:00:01.000Z"))).toBe(data);
    // Out of order (a live event overtaken by a send): sorted into place.
    const early = appendMessage(late, message("d2", "2026-01-01T00:00:04.500Z"));
    expect(flattenMessages(early).map((m) => m.id)).toEqual(["a", "b", "c", "d", "d2", "e"]);
  });
});
