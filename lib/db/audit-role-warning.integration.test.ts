// Review finding 10 (related): an app whose database role could rewrite the audit trail says
// so loudly — an error-level log line with a stable key — and a role that is only a member
// of concierge_runtime says nothing.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it, vi } from "vitest";
import { logger } from "../log/logger";
import { auditRoleRisk, warnIfRuntimeRoleCanRewriteAudit } from "./prepare";
import { postgresExecutor } from "./sql-executor";

const databaseUrl = inject("databaseUrl");
const role = `concierge_it_warn_${randomBytes(4).toString("hex")}`;
const su = new pg.Client({ connectionString: databaseUrl });

afterAll(async () => {
  vi.restoreAllMocks();
  await su.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`, [role]).catch(() => undefined);
  await su.query(`DROP ROLE IF EXISTS ${role}`).catch(() => undefined);
  await su.end();
});

describe("the app's database role and the audit trail", () => {
  it("a superuser (the test server's role) is reported at error level with securityWarning", async () => {
    const executor = postgresExecutor(databaseUrl);
    try {
      expect(await auditRoleRisk(executor)).toMatchObject({ superuser: true });
      const error = vi.spyOn(logger, "error").mockImplementation(() => undefined);
      await warnIfRuntimeRoleCanRewriteAudit(executor);
      expect(error).toHaveBeenCalledTimes(1);
      expect(error.mock.calls[0]![0]).toMatchObject({ securityWarning: "audit_rewritable_by_app_role", superuser: true });
    } finally {
      await executor.close();
    }
  });

  it("a member of concierge_runtime is not", async () => {
    await su.connect();
    await su.query(`CREATE ROLE ${role} LOGIN`);
    await su.query(`GRANT concierge_runtime TO ${role}`);
    const u = new URL(databaseUrl);
    u.username = role;
    const executor = postgresExecutor(u.toString());
    try {
      expect(await auditRoleRisk(executor)).toBeNull();
    } finally {
      await executor.close();
    }
  });
});
