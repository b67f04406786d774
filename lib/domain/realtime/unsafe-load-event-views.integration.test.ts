/**
 * The views of live events are read in ONE raw statement per batch (unsafe-load-event-views.ts)
 * and are, byte for byte, what the Prisma reads of before gave (event-views-test-fixtures.ts
 * keeps that loader as the reference): the same keys in the same order, the same dates, the
 * same previews and SLA targets — and no view built from a row the event does not announce.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { countRoundTrips } from "../../../test/round-trips";
import type { RoutedEvent } from "../../realtime/routing";
import { createViewBatch, prismaEventViews, type ViewBatch } from "./event-views-test-fixtures";
import { eventViewReads, unsafeLoadEventViews } from "./unsafe-load-event-views";

const viewsJson = (events: RoutedEvent[]) => JSON.stringify(events.map((e) => e.views ?? null));

let batch: ViewBatch;
beforeAll(async () => {
  batch = await createViewBatch();
});

describe("unsafeLoadEventViews", () => {
  it("gives exactly the views the Prisma reads gave", async () => {
    const events = [...batch.events, batch.notUuid];
    const loaded = await unsafeLoadEventViews(events);
    expect(viewsJson(loaded.slice(0, -1))).toBe(viewsJson(await prismaEventViews(batch.events)));
    // Events with nothing to show come back as they were.
    for (const [i, e] of loaded.entries()) if (!e.views) expect(e).toBe(events[i]);

    // The comparison covers every branch (not two empty answers).
    const [memberMessage, note, reply, created, other, replyOnly, unknown, typing, notUuid] = loaded.map((e) => e.views);
    const { ids } = batch;
    expect(memberMessage?.staff?.message?.attachments.map((a) => a.fileName)).toEqual(["file 0.bin", "file 1.bin", "file 2.bin"]);
    expect(memberMessage?.staff?.ticket).toMatchObject({ id: ids.assignedTicket, member: { id: ids.memberId }, assignee: { id: expect.any(String) }, sla: { kind: "first_response" } });
    expect(memberMessage?.staff?.ticket?.preview).toMatch(/^Hello, my prescription is running out soon and .*…$/);
    expect(memberMessage?.member?.message?.id).toBe(ids.memberMessage);
    // ⚠ A note: staff only, with its file; no member view, no preview.
    expect(note?.staff?.message).toMatchObject({ id: ids.note, visibility: "internal", attachments: [expect.anything()] });
    expect(note?.member).toBeUndefined();
    expect(note?.staff?.ticket).not.toHaveProperty("preview");
    // Staff's member-visible reply: the member sees it; it is not the member's, so no preview.
    expect(reply?.member?.message?.id).toBe(ids.reply);
    expect(reply?.staff?.ticket).not.toHaveProperty("preview");
    expect(created?.staff).toEqual({ ticket: expect.objectContaining({ id: ids.assignedTicket }) });
    expect(other?.staff?.ticket).toMatchObject({ id: ids.otherTicket, subject: null, assignee: null, sla: null, caseType: "billing", followUpOfId: ids.assignedTicket });
    expect(replyOnly?.staff).toEqual({ message: expect.objectContaining({ id: ids.reply }) });
    expect([unknown, notUuid, typing]).toEqual([undefined, undefined, undefined]);
  });

  it("equals the Prisma reads for batches of messages only and of tickets only", async () => {
    for (const events of [batch.events.slice(5, 6), batch.events.slice(3, 5)]) {
      expect(viewsJson(await unsafeLoadEventViews(events))).toBe(viewsJson(await prismaEventViews(events)));
    }
  });

  it("reads a batch in one statement, one round trip; nothing when no event announces a row", async () => {
    await unsafeLoadEventViews(batch.events); // prepared on this connection (same round trip)
    const before = { ...eventViewReads };
    expect(await countRoundTrips(() => unsafeLoadEventViews(batch.events))).toBe(1);
    expect(eventViewReads).toEqual({ queries: before.queries + 1, batches: before.batches + 1 });

    // An unknown ticket is still asked for; an ephemeral event and an id that is no uuid are not.
    expect(await countRoundTrips(() => unsafeLoadEventViews([batch.events[7]!, batch.notUuid]))).toBe(0);
    expect(eventViewReads.batches).toBe(before.batches + 1);
  });

  it("⚠ never shows a message announced on another thread: no message view, no member view, not even the ticket's preview", async () => {
    const { ids } = batch;
    // The member's message of thread A announced with thread B's ticket, on thread B.
    const forged: RoutedEvent = { ...batch.events[4]!, type: "message.created", payload: { messageId: ids.memberMessage, ticketId: ids.otherTicket } };
    const [loaded] = await unsafeLoadEventViews([forged]);
    expect(loaded?.views?.member).toBeUndefined();
    expect(loaded?.views?.staff?.message).toBeUndefined();
    expect(loaded?.views?.staff?.ticket).toMatchObject({ id: ids.otherTicket });
    expect(loaded?.views?.staff?.ticket).not.toHaveProperty("preview");
  });
});
