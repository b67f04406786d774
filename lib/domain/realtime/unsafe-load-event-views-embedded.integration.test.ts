// The views of live events on the embedded default (PGlite, as `npm run demo` runs): the one
// raw statement of unsafe-load-event-views.ts must work there too (no named statements, json
// and arrays as PGlite handles them) and give what the Prisma reads gave.
import { afterAll, beforeAll, expect, it } from "vitest";
import { leaveEmbedded, switchToEmbedded, type EmbeddedDatabase } from "../../../test/embedded-database";
import type { RoutedEvent } from "../../realtime/routing";

let database: EmbeddedDatabase | undefined;

async function embedded() {
  database = await switchToEmbedded("event-views");
  return {
    client: database.client,
    fixtures: await import("./event-views-test-fixtures"),
    loader: await import("./unsafe-load-event-views"),
  };
}

let m: Awaited<ReturnType<typeof embedded>>;
beforeAll(async () => {
  m = await embedded();
  expect(m.client.databaseKind()).toBe("pglite");
}, 120_000);

afterAll(() => leaveEmbedded(database));

const viewsJson = (events: RoutedEvent[]) => JSON.stringify(events.map((e) => e.views ?? null));

it("gives exactly the views the Prisma reads gave, on PGlite", async () => {
  const { events, ids } = await m.fixtures.createViewBatch();
  const loaded = await m.loader.unsafeLoadEventViews(events);
  expect(viewsJson(loaded)).toBe(viewsJson(await m.fixtures.prismaEventViews(events)));
  expect(loaded[0]?.views?.staff?.ticket).toMatchObject({ id: ids.assignedTicket, sla: { kind: "first_response" }, preview: expect.any(String) });
  expect(loaded[0]?.views?.staff?.message?.attachments).toHaveLength(3);
  expect(loaded[1]?.views?.member).toBeUndefined();
}, 60_000);
