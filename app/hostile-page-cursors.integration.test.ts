// Review finding 7: a page that reads a cursor from its address answers a hostile one by
// going back to its first page — never an error page (500). The pages are rendered as the
// server renders them: a real session cookie through a mocked next/headers, real domain calls.
import { afterAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { isRedirectError } from "next/dist/client/components/redirect-error";
import { getURLFromRedirectError } from "next/dist/client/components/redirect";

const request = vi.hoisted(() => ({ cookie: null as string | null }));

vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "10.72.0.1", "user-agent": "vitest" }),
  cookies: async () => ({
    get: (name: string) => (request.cookie && name === "concierge.session" ? { name, value: request.cookie } : undefined),
  }),
}));

async function signedInAs(email: string) {
  const { getDb } = await import("@/lib/db/client");
  const { getAuthSecret } = await import("@/lib/auth/secret");
  const user = await (await getDb()).user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true } });
  const now = Date.now();
  request.cookie = await encode({ token: { sub: user.id, role: user.role, signedInAt: now, lastActiveAt: now } as never, secret: getAuthSecret() });
}

/** Where the page sent the reader, or "rendered" when it rendered. Any other throw fails the test. */
async function outcome(render: Promise<unknown>): Promise<string> {
  try {
    await render;
    return "rendered";
  } catch (error) {
    if (isRedirectError(error)) return getURLFromRedirectError(error) ?? "?";
    throw error;
  }
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const hostileCursors = ["!", "!!not-a-cursor!!", "x".repeat(401), "x".repeat(5000), b64(null), b64({ t: "0000-01-01T00:00:00.000Z", id: "nope" }), "%00", "\u0000"];

afterAll(() => {
  request.cookie = null;
});

describe("pages with a cursor in their address", () => {
  it("emergency reviews (compliance): a hostile cursor starts again at the first page", async () => {
    const { default: Page } = await import("./(admin)/admin/emergency-reviews/page");
    await signedInAs("compliance@demo.test");
    for (const cursor of hostileCursors) {
      const to = await outcome(Page({ searchParams: Promise.resolve({ cursor }) }));
      expect(to, cursor.slice(0, 20)).toBe("/admin/emergency-reviews");
    }
    const kept = await outcome(Page({ searchParams: Promise.resolve({ status: "all", cursor: "!" }) }));
    expect(kept).toBe("/admin/emergency-reviews?status=all");
    expect(await outcome(Page({ searchParams: Promise.resolve({}) }))).toBe("rendered");
  });

  it("people (admin): a hostile cursor starts again at the first page, filters kept", async () => {
    const { default: Page } = await import("./(admin)/admin/(manage)/people/(list)/page");
    await signedInAs("admin@demo.test");
    for (const cursor of hostileCursors) {
      const to = await outcome(Page({ searchParams: Promise.resolve({ cursor }) }));
      expect(["/admin/people", "rendered"], cursor.slice(0, 20)).toContain(to);
    }
    expect(await outcome(Page({ searchParams: Promise.resolve({ cursor: "!", type: "staff" }) }))).toBe("/admin/people?type=staff");
  });

  it("who has seen my messages (member): a hostile or overlong cursor starts again at the latest", async () => {
    const { default: Page } = await import("./(member)/messages/access/page");
    await signedInAs("member@demo.test");
    for (const before of hostileCursors) {
      const to = await outcome(Page({ searchParams: Promise.resolve({ before }) }));
      expect(to, before.slice(0, 20)).toBe("/messages/access");
    }
  });

  it("audit log (compliance): a hostile cursor starts again at the first page", async () => {
    const { default: Page } = await import("./(admin)/admin/audit/page");
    await signedInAs("compliance@demo.test");
    for (const cursor of hostileCursors) {
      const to = await outcome(Page({ searchParams: Promise.resolve({ cursor }) }));
      expect(["/admin/audit", "rendered"], cursor.slice(0, 20)).toContain(to);
    }
  });
});
