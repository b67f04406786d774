import { expect, test } from "@playwright/test";
import { signInAndLand } from "../helpers";

type Me = { id: string; teams: { id: string; name: string }[] };
type Threads = { items: { id: string; memberId: string; teamId: string | null; subject: string | null }[]; nextCursor: string | null };

test.describe("who sees which conversations", () => {
  test("a member sees only their own threads, in the page and the API", async ({ page }) => {
    await signInAndLand(page, "member3@demo.test", "/messages");
    const me = (await (await page.request.get("/api/v1/me")).json()) as Me;
    const threads = (await (await page.request.get("/api/v1/threads")).json()) as Threads;
    expect(threads.items.length).toBeGreaterThan(0);
    expect(threads.items.every((t) => t.memberId === me.id)).toBe(true);
    // The whole page: no other member's name appears.
    const text = await page.locator("body").innerText();
    for (const other of ["Maya Patel", "Samuel Okafor"]) expect(text).not.toContain(other);
  });

  test("Harbor's care guide never sees a Sunrise thread", async ({ page }) => {
    await signInAndLand(page, "guide2@demo.test", "/console");
    const me = (await (await page.request.get("/api/v1/me")).json()) as Me;
    expect(me.teams.map((t) => t.name)).toEqual(["Harbor"]);
    const threads = (await (await page.request.get("/api/v1/threads?limit=100")).json()) as Threads;
    expect(threads.items.length).toBeGreaterThan(0);
    expect(threads.items.every((t) => t.teamId === me.teams[0]!.id)).toBe(true);
  });

  test("Sunrise staff do not see Virtual Primary Care threads, the physician does", async ({ page }) => {
    await signInAndLand(page, "guide@demo.test", "/console");
    const guide = (await (await page.request.get("/api/v1/me")).json()) as Me;
    const guideThreads = (await (await page.request.get("/api/v1/threads?limit=100")).json()) as Threads;
    const sunriseIds = new Set(guide.teams.map((t) => t.id));
    expect(guideThreads.items.every((t) => t.teamId !== null && sunriseIds.has(t.teamId))).toBe(true);

    await page.goto("about:blank"); // no in-flight response of the old session may re-set its cookie

    await page.context().clearCookies();
    await signInAndLand(page, "doctor@demo.test", "/console");
    const doctor = (await (await page.request.get("/api/v1/me")).json()) as Me;
    const doctorThreads = (await (await page.request.get("/api/v1/threads?limit=100")).json()) as Threads;
    expect(doctorThreads.items.length).toBeGreaterThan(0);
    expect(doctorThreads.items.every((t) => t.teamId === doctor.teams[0]!.id)).toBe(true);
    expect(doctorThreads.items.some((t) => guideThreads.items.some((g) => g.id === t.id))).toBe(false);
  });
});
