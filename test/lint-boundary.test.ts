// The database boundary is enforced by ESLint; prove the rule fires (and stays quiet where
// database access is allowed), so a broken config cannot silently pass.
import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";

const eslint = new ESLint({ cwd: process.cwd() });

async function messagesFor(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports");
}

describe("database import boundary", () => {
  it.each([
    ["app/api/v1/example/route.ts", 'import { getDb } from "@/lib/db/client";\nexport const x = getDb;\n'],
    ["components/thread/example.tsx", 'import { PrismaClient } from "../../lib/db/generated/client";\nexport const x = PrismaClient;\n'],
    ["lib/auth/example.ts", 'import { getDb } from "../db/client";\nexport const x = getDb;\n'],
    ["app/page-example.ts", 'import pg from "pg";\nexport const x = pg;\n'],
  ])("refuses a database import in %s", async (file, code) => {
    expect((await messagesFor(code, file)).length).toBeGreaterThan(0);
  });

  it.each([
    ["lib/domain/threads/example.ts", 'import { getDb } from "../../db/client";\nexport const x = getDb;\n'],
    ["lib/access/example.ts", 'import type { Prisma } from "../db/generated/client";\nexport type X = Prisma.ThreadWhereInput;\n'],
  ])("allows it in %s", async (file, code) => {
    expect(await messagesFor(code, file)).toEqual([]);
  });
});
