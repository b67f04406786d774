import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { unknownOrigin, type Actor } from "../../access/actor";
import { admitSend, SENDS_PER_MINUTE } from "./admit-send";

// Counted in the database (shared by every app instance), so ids of their own per run.
const actor = { userId: randomUUID(), role: "MEMBER", teamIds: [], name: "T", origin: unknownOrigin } as unknown as Actor;

describe("admitSend", () => {
  it("lets a person send SENDS_PER_MINUTE messages a minute, then refuses with RATE_LIMITED", async () => {
    for (let i = 0; i < SENDS_PER_MINUTE; i++) await admitSend(actor);
    await expect(admitSend(actor)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // Someone else is not affected.
    await expect(admitSend({ ...actor, userId: randomUUID() } as Actor)).resolves.toBeUndefined();
  });

  describe("SEND_RATE_LIMIT_PER_MINUTE", () => {
    afterEach(() => {
      vi.unstubAllEnvs();
      vi.resetModules();
    });

    it("sets the budget (a benchmark raises it; production keeps 60)", async () => {
      vi.stubEnv("SEND_RATE_LIMIT_PER_MINUTE", "3");
      vi.resetModules();
      const fresh = await import("./admit-send");
      const someone = { ...actor, userId: randomUUID() } as Actor;
      for (let i = 0; i < 3; i++) await fresh.admitSend(someone);
      await expect(fresh.admitSend(someone)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    });
  });
});
