/**
 * Response targets: with a one-minute target and a member who has been waiting for days, the
 * breach is shown in the queue ("Overdue"), recorded once as a ticket event, and alerts the
 * team once (bell + notification rows). The e2e server sweeps every 3 s
 * (SLA_SWEEP_SECONDS in playwright.config.ts).
 */
import { expect, test, type Page } from "@playwright/test";
import { signInAndLand } from "../helpers";
import { marker, newClientMessageId, origin, type Thread } from "../api/api-helpers";
import { queryOne } from "../support/stored-object";

type Policy = { priority: string; firstResponseMinutes: number; nextResponseMinutes: number };

async function count(sql: string, params: unknown[]): Promise<number> {
  const row = await queryOne<{ n: string }>(sql, params);
  return Number(row?.n ?? 0);
}

async function sunrise(admin: Page): Promise<{ id: string; policies: Policy[] }> {
  const teams = (await (await admin.request.get("/api/v1/admin/teams")).json()) as { items: { id: string; name: string }[] };
  const id = teams.items.find((t) => t.name === "Sunrise")!.id;
  const sla = (await (await admin.request.get(`/api/v1/admin/teams/${id}/sla`)).json()) as { policies: Policy[] };
  return { id, policies: sla.policies };
}

test("an SLA breach is shown in the queue, recorded once and alerted once", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const headers = { origin: origin(baseURL) };

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAndLand(admin, "admin@demo.test", "/admin");
  const team = await sunrise(admin);
  // A tiny target for URGENT only, so no other spec's tickets are touched.
  const tiny = [...team.policies.filter((p) => p.priority !== "URGENT"), { priority: "URGENT", firstResponseMinutes: 1, nextResponseMinutes: 1 }];
  const put = await admin.request.put(`/api/v1/admin/teams/${team.id}/sla`, { headers, data: { policies: tiny } });
  expect(put.status(), await put.text()).toBe(200);

  try {
    const memberContext = await browser.newContext();
    const member = await memberContext.newPage();
    await signInAndLand(member, "member.sofia.rossi@demo.test", "/messages"); // a demo member no other spec uses
    const subject = marker("SLA check");
    const created = await member.request.post("/api/v1/threads", { headers, data: { subject, body: marker("Waiting for an answer"), clientMessageId: newClientMessageId() } });
    expect(created.status(), await created.text()).toBe(201);
    const { thread } = (await created.json()) as { thread: Thread };
    const ticketId = thread.ticket!.id;
    await memberContext.close();

    const guideContext = await browser.newContext();
    const guide = await guideContext.newPage();
    await signInAndLand(guide, "guide@demo.test", "/console");
    const patched = await guide.request.patch(`/api/v1/tickets/${ticketId}`, { headers, data: { priority: "URGENT" } });
    expect(patched.status(), await patched.text()).toBe(200);
    // The member has been waiting for days (in working hours, far more than a minute).
    await queryOne("UPDATE tickets SET waiting_since = now() - interval '30 days' WHERE id = $1", [ticketId]);

    const breaches = () => count("SELECT count(*) AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'SLA_BREACHED'", [ticketId]);
    await expect.poll(breaches, { timeout: 30_000, intervals: [1_000] }).toBe(1);
    await guide.waitForTimeout(8_000); // a few more sweeps
    expect(await breaches()).toBe(1);

    // Alerted once: one SLA_BREACH notification per Sunrise staff member.
    const perUser = await queryOne<{ users: string; total: string }>(
      "SELECT count(DISTINCT user_id) AS users, count(*) AS total FROM notifications WHERE ticket_id = $1 AND type = 'SLA_BREACH'",
      [ticketId],
    );
    expect(Number(perUser?.users)).toBeGreaterThanOrEqual(3);
    expect(Number(perUser?.total)).toBe(Number(perUser?.users));

    // Shown in the queue: the row says overdue.
    await guide.goto("/console?view=open");
    const row = guide.getByTestId("queue-row").filter({ hasText: subject });
    await expect(row.getByTestId("sla-overdue")).toContainText("Overdue");

    // And in the bell, linking to the thread; opening it marks the alerts about it read.
    await expect(guide.getByTestId("notification-count")).toBeVisible();
    await guide.getByTestId("notification-bell").click();
    const alert = guide.locator(`[data-testid="notification-item"][data-type="SLA_BREACH"] a[href="/console/threads/${thread.id}"]`);
    await expect(alert).toHaveCount(1);
    await alert.click();
    await expect(guide).toHaveURL(new RegExp(`/console/threads/${thread.id}$`));
    await expect(guide.getByTestId("ticket-history")).toContainText("sla breached");
    const guideId = (await queryOne<{ id: string }>("SELECT id FROM users WHERE email = 'guide@demo.test'", []))!.id;
    await expect
      .poll(() => count("SELECT count(*) AS n FROM notifications WHERE thread_id = $1 AND user_id = $2 AND read_at IS NULL", [thread.id, guideId]), { timeout: 20_000 })
      .toBe(0);
    await guideContext.close();
  } finally {
    await admin.request.put(`/api/v1/admin/teams/${team.id}/sla`, { headers, data: { policies: team.policies } });
    await adminContext.close();
  }
});
