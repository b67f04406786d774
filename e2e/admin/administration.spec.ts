/**
 * Administration through the browser, as an admin: teams, people, a member's concierge
 * team, deactivation that ends a live session, API keys — and no PHI on any admin page.
 *
 * Demo data is shared with the other specs, so this spec acts only on what it creates
 * (a team, a staff account, an API client), plus one triage member no other spec uses:
 * Kevin Park, whose waiting conversation moves to the new team.
 */
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { marker, postJson } from "../api/api-helpers";
import { signIn, signInAndLand } from "../helpers";
import { changeOneTimePassword } from "../support/change-password";

const triageMember = { name: "Kevin Park", subject: "Updating my mailing address", body: "I moved last month" };

/** Health tag labels of the demo data (prisma/seed/demo-reference.ts) and member-written texts. */
const healthTagLabels = [
  "Type 2 diabetes",
  "Hypertension",
  "Asthma",
  "COPD",
  "High cholesterol",
  "Chronic kidney disease",
  "Heart failure",
  "Pregnancy",
  "New parent",
  "Recent ER visit",
  "Recent hospital discharge",
  "Behavioral health",
  "Overdue preventive screening",
  "Needs mobility or transport support",
  "Prefers Spanish",
  "Family caregiver",
];
const memberTexts = [
  "Refill for my inhaler",
  "down to my last few puffs on my albuterol inhaler",
  "Finding an in-network dermatologist",
  "My LDL is 138",
  triageMember.subject,
  triageMember.body,
];

async function confirmIn(page: Page, trigger: string, confirm: string) {
  await page.getByRole("button", { name: trigger, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: confirm, exact: true }).click();
  await expect(dialog).toBeHidden();
}

async function createTeamViaApi(page: Page, baseURL: string | undefined): Promise<{ id: string; name: string }> {
  const name = marker("E2E team");
  const res = await postJson(page, baseURL, "/api/v1/admin/teams", { name, kind: "CONCIERGE", timeZone: "America/Chicago" });
  expect(res.status(), await res.text()).toBe(201);
  return { id: ((await res.json()) as { id: string }).id, name };
}

async function bearerMe(request: APIRequestContext, key: string) {
  return request.get("/api/v1/me", { headers: { authorization: `Bearer ${key}` } });
}

test.describe("administration", () => {
  test("admin creates a team and a staff account, moves a triage member there, then deactivates the account mid-session", async ({ page, browser }) => {
    test.setTimeout(120_000);
    await signInAndLand(page, "admin@demo.test", "/admin");

    // A team, through the form.
    const teamName = marker("Lakeside");
    await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Teams" }).click();
    await page.getByRole("link", { name: "New team" }).click();
    await page.getByLabel("Name").fill(teamName);
    await page.getByLabel("Kind").selectOption("CONCIERGE");
    await page.getByLabel("Time zone").fill("America/Chicago");
    await page.getByRole("checkbox", { name: "Saturday" }).check();
    await page.getByRole("button", { name: "Create team" }).click();
    await expect(page.getByRole("heading", { level: 1, name: teamName })).toBeVisible();
    await expect(page.getByText("No nurse")).toBeVisible();

    // A care guide in it, with a one-time password shown once.
    const email = `e2e.guide.${Date.now()}@example.test`;
    const staffName = marker("Gia Guide");
    await page.goto("/admin/people/new");
    await page.getByLabel("Full name").fill(staffName);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Role").selectOption("CARE_GUIDE");
    await page.getByRole("checkbox", { name: new RegExp(teamName) }).check();
    await page.getByRole("button", { name: "Create account" }).click();
    const password = (await page.getByTestId("one-time-secret").textContent())?.trim() ?? "";
    expect(password).toMatch(/^[\w]{5}(-[\w]{5}){3}$/);

    // The triage member gets the new team; their waiting conversation moves with them.
    await page.goto(`/admin/people?q=${encodeURIComponent(triageMember.name)}`);
    await page.getByRole("link", { name: triageMember.name, exact: true }).click();
    await expect(page.getByText("No concierge team: new conversations wait in triage.")).toBeVisible();
    // By role: the section is also named "Concierge team".
    await page.getByRole("combobox", { name: "Concierge team" }).selectOption({ label: teamName });
    await confirmIn(page, "Move member", "Move");
    await expect(page.getByText(/Moved: [1-9]\d* conversations? and [1-9]\d* tickets?\./)).toBeVisible();
    await expect(page.getByText(`Now: ${teamName}`)).toBeVisible();

    // The new care guide signs in with the one-time password, must change it first, and
    // then finds that conversation.
    const staffContext = await browser.newContext();
    const staff = await staffContext.newPage();
    await signIn(staff, email, password);
    await changeOneTimePassword(staff, password, `new ${password}`);
    await expect(staff).toHaveURL(/\/console$/);
    // In #main: while the page streams, React keeps a hidden copy of the content elsewhere.
    await expect(staff.locator("#main").getByText(triageMember.subject)).toBeVisible();
    expect((await staff.request.get("/api/v1/me")).status()).toBe(200);

    // Deactivated: the open session stops working at its very next request.
    await page.goto(`/admin/people?q=${encodeURIComponent(email)}`);
    await page.getByRole("link", { name: staffName }).click();
    await confirmIn(page, "Deactivate account", "Deactivate");
    await expect(page.getByText("Deactivated", { exact: true }).first()).toBeVisible();
    expect((await staff.request.get("/api/v1/me")).status()).toBe(401);
    await staff.goto("/console");
    await expect(staff).toHaveURL(/\/sign-in$/);
    await staffContext.close();
  });

  test("admin issues an API key that works as a bearer, then revokes it and it is refused", async ({ page, baseURL, request }) => {
    await signInAndLand(page, "admin@demo.test", "/admin");
    const team = await createTeamViaApi(page, baseURL);
    const clientName = marker("Scheduling app");

    await page.goto("/admin/api-clients");
    await page.getByLabel("Name").fill(clientName);
    await page.getByLabel("Acts as").selectOption("NURSE");
    await page.getByRole("checkbox", { name: new RegExp(team.name) }).check();
    await page.getByRole("button", { name: "Issue key" }).click();
    const key = (await page.getByTestId("one-time-secret").textContent())?.trim() ?? "";
    expect(key).toMatch(/^cnc_[a-f0-9]{12}_[A-Za-z0-9_-]{43}$/);

    const me = await bearerMe(request, key);
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ role: "NURSE", name: clientName, teams: [{ id: team.id, name: team.name }] });
    // The key never shows again: not in the list, not in the page after a reload.
    await page.getByRole("button", { name: "Done" }).click();
    await page.reload();
    // The secret part (it may itself contain "_"): everything after the prefix.
    const secret = key.slice(key.indexOf("_", "cnc_".length) + 1);
    expect(secret).toHaveLength(43);
    expect(await page.content()).not.toContain(secret);

    await confirmIn(page, `Revoke ${clientName}`, "Revoke");
    await expect(page.getByRole("row", { name: new RegExp(clientName) }).getByText("Revoked", { exact: true })).toBeVisible();
    expect((await bearerMe(request, key)).status()).toBe(401);
  });

  test("admin endpoints refuse other roles: 403 for collections, 404 for records", async ({ page, baseURL }) => {
    await signInAndLand(page, "admin@demo.test", "/admin");
    const team = await createTeamViaApi(page, baseURL);
    await page.goto("about:blank");
    await page.context().clearCookies();
    for (const [email, landing] of [
      ["guide@demo.test", "/console"],
      ["compliance@demo.test", "/admin"],
    ] as const) {
      await signInAndLand(page, email, landing);
      expect((await page.request.get("/api/v1/admin/users")).status()).toBe(403);
      expect((await page.request.get("/api/v1/admin/teams")).status()).toBe(403);
      expect((await page.request.get("/api/v1/admin/api-clients")).status()).toBe(403);
      expect((await page.request.get(`/api/v1/admin/teams/${team.id}`)).status()).toBe(404);
      expect((await postJson(page, baseURL, `/api/v1/admin/teams/${team.id}/archive`, {})).status()).toBe(404);
      expect((await page.goto("/admin/people"))?.status()).toBe(404);
      await page.goto("about:blank");
      await page.context().clearCookies();
    }
  });

  test("admin pages carry no health tags, message bodies or member-written subjects", async ({ page }) => {
    // About forty page loads on a small machine.
    test.setTimeout(240_000);
    await signInAndLand(page, "admin@demo.test", "/admin");
    const paths = ["/admin", "/admin/teams", "/admin/teams?archived=true", "/admin/people", "/admin/people?type=member", "/admin/api-clients"];

    // Every member page the people list links to from its first page, plus the named demo members.
    await page.goto("/admin/people?type=member");
    // The table streams in after the page shell; wait for it before reading its links.
    await expect(page.getByRole("table").getByRole("link").first()).toBeVisible();
    const memberLinks = await page.getByRole("table").getByRole("link").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
    expect(memberLinks.length).toBeGreaterThan(10);
    paths.push(...memberLinks);
    for (const q of ["Maya Patel", "Samuel Okafor", "Lena Fischer", triageMember.name]) {
      await page.goto(`/admin/people?q=${encodeURIComponent(q)}`);
      paths.push(await page.getByRole("link", { name: q, exact: true }).evaluate((a) => (a as HTMLAnchorElement).pathname));
    }
    await page.goto("/admin/teams");
    paths.push(...(await page.getByRole("table").getByRole("link").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname))));

    for (const path of paths) {
      // The document as served, with the data passed to client components, and as rendered.
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      const served = ((await response?.text()) ?? "") + (await page.content());
      for (const text of [...healthTagLabels, ...memberTexts]) expect(served, `${path} shows "${text}"`).not.toContain(text);
    }
  });
});
