import { describe, expect, it } from "vitest";
import { staleKeys } from "./stale-keys";
import { backOffMs } from "./use-event-source";

describe("staleKeys", () => {
  it("a new message refreshes the thread, its Seen marker, the queue, the ticket and notifications", () => {
    expect(staleKeys({ type: "message.created", id: "1", data: { threadId: "t", ticketId: "k" } })).toEqual([
      ["messages", "t"],
      ["thread-seen", "t"],
      ["queue"],
      ["notifications"],
      ["ticket", "k"],
    ]);
  });
  it("ticket changes refresh the queue and that ticket; scans the attachment and its thread", () => {
    expect(staleKeys({ type: "ticket.updated", id: "2", data: { ticketId: "k", threadId: "t" } })).toEqual([["queue"], ["notifications"], ["ticket", "k"]]);
    expect(staleKeys({ type: "attachment.scanned", id: "3", data: { attachmentId: "a", threadId: "t" } })).toEqual([["attachment", "a"], ["messages", "t"], ["member-documents"]]);
  });
  it("typing and read change no fetched cache", () => {
    expect(staleKeys({ type: "typing", id: null, data: { threadId: "t" } })).toEqual([]);
    expect(staleKeys({ type: "read", id: "4", data: { threadId: "t" } })).toEqual([]);
  });
});

describe("backOffMs", () => {
  it("grows exponentially with jitter and stops at 30 s", () => {
    expect(backOffMs(0, 0)).toBe(500);
    expect(backOffMs(0, 1)).toBe(1_000);
    expect(backOffMs(3, 1)).toBe(8_000);
    expect(backOffMs(20, 1)).toBe(30_000);
    expect(backOffMs(20, 0)).toBe(15_000);
  });
});
