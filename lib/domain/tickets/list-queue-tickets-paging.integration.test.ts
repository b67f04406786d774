/**
 * A big queue: 150 open tickets (more than the old single page of 100) with ties on both
 * sort times, plus closed ones. Paging reaches every open ticket once; the counts are the
 * true totals on every page, never the page's length.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import type { Actor } from "../../access/actor";
import { listQueueTickets } from "./list-queue-tickets";
import { createMember, createStaff, createTeam, createTicket } from "./test-fixtures";

const HOUR = 60 * 60 * 1000;
const base = Date.now() - 30 * 24 * HOUR;
let guide: Actor;
let outsider: Actor;
const open: string[] = [];

beforeAll(async () => {
  const team = await createTeam();
  guide = await actorFor((await createStaff("CARE_GUIDE", [team.teamId])).email);
  const other = await createTeam();
  outsider = await actorFor((await createStaff("CARE_GUIDE", [other.teamId])).email);
  const member = await createMember(team.teamId);
  for (let i = 0; i < 150; i++) {
    // Ten tickets share each waiting time and each last activity; every seventh is answered (no waiting time).
    const waitingSince = i % 7 === 6 ? null : new Date(base + Math.floor(i / 10) * HOUR);
    const { ticketId } = await createTicket({ teamId: team.teamId, queueId: team.queueId, memberId: member.id, status: i % 2 ? "OPEN" : "NEW", waitingSince, lastActivityAt: new Date(base + Math.floor(i / 10) * HOUR) });
    open.push(ticketId);
  }
  for (let i = 0; i < 5; i++) await createTicket({ teamId: team.teamId, queueId: team.queueId, memberId: member.id, status: "CLOSED" });
}, 120_000);

describe("listQueueTickets on a queue of 150 open tickets", () => {
  it.each([50, 100, 37])("reaches the last open ticket in pages of %d, each once, with the true totals on every page", async (limit) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listQueueTickets>> = await listQueueTickets(guide, { view: "open", limit, ...(cursor ? { cursor } : {}) });
      expect(page.counts).toEqual({ open: 150, mine: 0, unassigned: 150, all: 155 });
      seen.push(...page.items.map((t) => t.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 20);
    expect(pages).toBe(Math.ceil(150 / limit));
    expect(new Set(seen).size).toBe(150);
    expect([...seen].sort()).toEqual([...open].sort());
  });

  it("shows another team's guide nothing of it, on any page", async () => {
    const first = await listQueueTickets(guide, { view: "open", limit: 50 });
    const theirs = await listQueueTickets(outsider, { view: "open", limit: 50, cursor: first.nextCursor! });
    expect(theirs.items.filter((t) => open.includes(t.id))).toEqual([]);
    expect(theirs.counts.open).toBe(0);
  });
});
