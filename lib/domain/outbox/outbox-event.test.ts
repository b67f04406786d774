import { describe, expect, it } from "vitest";
import { outboxEventData, type OutboxEvent } from "./outbox-event";

const base = { teamId: "t", threadId: "th", memberId: "m" };

describe("outboxEventData", () => {
  it("routes member-visible events to the member", () => {
    expect(outboxEventData({ ...base, type: "thread.created", payload: { threadId: "th" } }).memberId).toBe("m");
    expect(outboxEventData({ ...base, type: "message.created", payload: { messageId: "x", visibility: "member" } }).memberId).toBe("m");
  });

  it("never routes internal notes or ticket events to the member", () => {
    expect(outboxEventData({ ...base, type: "message.created", payload: { messageId: "x", visibility: "internal" } }).memberId).toBeNull();
    expect(outboxEventData({ ...base, type: "ticket.created", payload: { ticketId: "x" } }).memberId).toBeNull();
    expect(outboxEventData({ ...base, type: "ticket.updated", payload: { ticketId: "x", status: "OPEN" } }).memberId).toBeNull();
    expect(outboxEventData({ ...base, type: "attachment.scanned", payload: { attachmentId: "x", status: "CLEAN", memberVisible: false } }).memberId).toBeNull();
    expect(outboxEventData({ ...base, type: "attachment.scanned", payload: { attachmentId: "x", status: "CLEAN", memberVisible: true } }).memberId).toBe("m");
  });

  it.each(["body", "Subject", "name", "preview"])("refuses a payload carrying %s", (key) => {
    const event: OutboxEvent = { ...base, type: "message.created", payload: { [key]: "Hello" } };
    expect(() => outboxEventData(event)).toThrow(/must not carry/);
  });

  it("keeps the routing columns and payload as given", () => {
    expect(outboxEventData({ ...base, type: "ticket.updated", payload: { ticketId: "x", fromStatus: "NEW", toStatus: "PENDING" } })).toEqual({
      type: "ticket.updated",
      teamId: "t",
      threadId: "th",
      memberId: null,
      payload: { ticketId: "x", fromStatus: "NEW", toStatus: "PENDING" },
    });
  });
});
