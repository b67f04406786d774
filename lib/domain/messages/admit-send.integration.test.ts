import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
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
});
