import { describe, expect, it } from "vitest";
import { sendUniqueViolation } from "./send-write-sql";

const pgError = (constraint: string, code = "23505") =>
  Object.assign(new Error(`duplicate key value violates unique constraint "${constraint}"`), { code, constraint });

const prismaWrapped = (cause: Record<string, unknown>) => Object.assign(new Error("Raw query failed."), { code: "P2010", meta: { driverAdapterError: { cause } } });

describe("sendUniqueViolation", () => {
  it("recognizes the two keys from pg and PGlite errors", () => {
    expect(sendUniqueViolation(pgError("messages_author_id_client_message_id_key"))).toBe("message");
    expect(sendUniqueViolation(pgError("tickets_one_active_per_thread"))).toBe("ticket");
  });

  it("recognizes them inside a Prisma transaction (adapter-pg names the index, the PGlite adapter only the message)", () => {
    const message = 'duplicate key value violates unique constraint "tickets_one_active_per_thread"';
    expect(sendUniqueViolation(prismaWrapped({ originalCode: "23505", originalMessage: message, constraint: { index: "tickets_one_active_per_thread" } }))).toBe("ticket");
    expect(sendUniqueViolation(prismaWrapped({ originalCode: "23505", originalMessage: message, constraint: { fields: ["thread_id"] } }))).toBe("ticket");
  });

  it("ignores other keys, other errors and non-errors", () => {
    expect(sendUniqueViolation(pgError("thread_collaborators_active_idx"))).toBeNull();
    expect(sendUniqueViolation(pgError("tickets_one_active_per_thread", "23503"))).toBeNull();
    expect(sendUniqueViolation(new Error('"tickets_one_active_per_thread"'))).toBeNull();
    expect(sendUniqueViolation(null)).toBeNull();
    expect(sendUniqueViolation("23505")).toBeNull();
  });
});
