// The audit features on the embedded default (PGlite, as `npm run demo` runs): the sealer's
// advisory lock and interactive transaction, the chain walk, and the raw SQL of the access
// report and the export, whose result types differ between drivers if written carelessly.
import { randomUUID } from "node:crypto";
import { leaveEmbedded, switchToEmbedded, type EmbeddedDatabase } from "../../../test/embedded-database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let database: EmbeddedDatabase | undefined;

async function embedded() {
  database = await switchToEmbedded("audit");
  return {
    client: database.client,
    actorFor: (await import("../../../test/actors")).actorFor,
    createThread: (await import("../threads/create-thread")).createThread,
    getThread: (await import("../threads/get-thread")).getThread,
    sealAuditLog: (await import("./seal-audit-log")).sealAuditLog,
    verifyAuditChain: (await import("./verify-audit-chain")).verifyAuditChain,
    listMyAccessLog: (await import("./list-my-access-log")).listMyAccessLog,
    exportAuditEvents: (await import("./export-audit-events")).exportAuditEvents,
  };
}

let m: Awaited<ReturnType<typeof embedded>>;
beforeAll(async () => {
  m = await embedded();
  expect(m.client.databaseKind()).toBe("pglite");
}, 120_000);

afterAll(() => leaveEmbedded(database));

describe("audit on embedded PGlite", () => {
  it("seals under the advisory lock, verifies, reports accesses and exports", async () => {
    const maya = await m.actorFor("member@demo.test");
    const guide = await m.actorFor("guide@demo.test");
    const compliance = await m.actorFor("compliance@demo.test");
    const subject = `Embedded ${randomUUID().slice(0, 6)}`;
    const { thread } = await m.createThread(maya, { subject, body: "Hello", clientMessageId: randomUUID() });
    await m.getThread(guide, thread.id);

    const sealed = await m.sealAuditLog({ batchSize: 2 });
    expect(sealed).toMatchObject({ busy: false, drained: true });
    expect(sealed.sealed).toBeGreaterThan(0);
    expect(await m.sealAuditLog({ fullSweep: true })).toMatchObject({ sealed: 0, drained: true });

    const verification = await m.verifyAuditChain(compliance);
    expect(verification).toMatchObject({ ok: true, firstBroken: null, unsealed: 0, sealed: sealed.sealed });

    const { items } = await m.listMyAccessLog(maya);
    expect(items[0]).toMatchObject({ staff: { name: "Gabriel Ortiz" }, kind: "conversation", conversation: { id: thread.id, subject }, count: 1 });
    expect(typeof items[0]!.count).toBe("number");
    expect(items[0]!.firstAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    const { chunks } = await m.exportAuditEvents(compliance, { actorId: guide.userId, action: "thread.read" });
    let text = "";
    for await (const chunk of chunks) text += chunk;
    expect(text).toContain(`,Gabriel Ortiz,CARE_GUIDE,thread.read,ALLOWED,${maya.userId},Maya Patel,thread,${thread.id},`);
  });
});
