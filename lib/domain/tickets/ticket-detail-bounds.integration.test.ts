/**
 * A ticket on a thread that ran for years has thousands of status changes; its detail (the
 * console thread page's sidebar) carries only the newest ones, still newest last.
 */
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { uuid7 } from "../shared/uuid7";
import { getTicket } from "./get-ticket";
import { ticketEventsShown } from "./ticket-detail";
import { createMember, createStaff, createTeam, createTicket } from "./test-fixtures";

describe("ticket detail of a long-running ticket", () => {
  it("carries the newest events only, oldest of them first", async () => {
    const db = await getDb();
    const team = await createTeam();
    const guide = await actorFor((await createStaff("CARE_GUIDE", [team.teamId])).email);
    const member = await createMember(team.teamId);
    const { ticketId } = await createTicket({ teamId: team.teamId, queueId: team.queueId, memberId: member.id });
    const start = Date.now() - 24 * 3600_000;
    const count = ticketEventsShown + 150;
    await db.ticketEvent.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        id: uuid7(start + i * 1000),
        ticketId,
        actorId: guide.userId,
        type: "STATUS_CHANGED" as const,
        fromValue: i % 2 ? "PENDING" : "OPEN",
        toValue: i % 2 ? "OPEN" : "PENDING",
        createdAt: new Date(start + i * 1000),
      })),
    });
    const all = await db.ticketEvent.findMany({ where: { ticketId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
    const detail = await getTicket(guide, ticketId);
    expect(detail.events.map((e) => e.id)).toEqual(all.slice(-ticketEventsShown).map((e) => e.id));
  });
});
