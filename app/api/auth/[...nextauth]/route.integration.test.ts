// The next-auth door (/api/auth/*) meets hostile input like every other route: malformed or
// oversized bodies and unexpected content types answer 4xx problem+json before next-auth
// reads anything, the client-log endpoint (_log) is closed, and an ordinary credentials
// sign-in still works through the re-built, size-capped request. next-auth's route handler
// reads cookies and headers through next/headers (a CommonJS require inside next-auth, out of
// vi.mock's reach): its module's exports are replaced here with the request's own.
import { createRequire } from "node:module";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { createPasswordUser } from "@/lib/domain/mfa/test-fixtures";

const current = { headers: new Headers() };

function cookiePairs() {
  return (current.headers.get("cookie") ?? "")
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => {
      const at = p.indexOf("=");
      return { name: p.slice(0, at), value: decodeURIComponent(p.slice(at + 1)) };
    });
}

// next-auth reads its own origin from NEXTAUTH_URL (lib/env.ts copies AUTH_URL into it).
vi.stubEnv("NEXTAUTH_URL", "http://127.0.0.1:3000");

const nextHeaders = createRequire(import.meta.url)("next/headers") as Record<string, unknown>;
nextHeaders.headers = async () => current.headers;
nextHeaders.cookies = async () => ({ getAll: cookiePairs, get: (name: string) => cookiePairs().find((c) => c.name === name) });

const { logger } = await import("@/lib/log/logger");
const route = await import("./route");

const base = "http://127.0.0.1:3000/api/auth";

async function call(method: "GET" | "POST", path: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}) {
  const headers = new Headers({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", ...init.headers });
  current.headers = headers;
  const request = new NextRequest(`${base}/${path}`, { method, headers, body: init.body ?? null, duplex: "half" } as never);
  const nextauth = path.split("?")[0]!.split("/");
  return (method === "GET" ? route.GET : route.POST)(request, { params: Promise.resolve({ nextauth }) });
}

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  const body = (await response.json()) as { status: number };
  expect(body.status).toBe(status);
}

afterEach(() => vi.restoreAllMocks());

describe("/api/auth/* — hostile input", () => {
  it("answers malformed JSON with 400 problem+json, not a 500", async () => {
    const response = await call("POST", "callback/credentials", { headers: { "content-type": "application/json" }, body: "{" });
    await expectProblem(response, 400);
  });

  it("answers JSON that is not an object (null, array, string) with 400", async () => {
    for (const body of ["null", "[]", '"x"', "1"]) {
      const response = await call("POST", "callback/credentials", { headers: { "content-type": "application/json" }, body });
      await expectProblem(response, 400);
    }
  });

  it("refuses a body over the cap (413) whether or not Content-Length says so", async () => {
    const big = "a=" + "x".repeat(64 * 1024);
    const declared = await call("POST", "callback/credentials", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: big });
    await expectProblem(declared, 413);

    // A streamed body with no Content-Length: reading stops at the cap.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 64; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
        controller.close();
      },
    });
    const streamed = await call("POST", "callback/credentials", { headers: { "content-type": "application/json" }, body: stream });
    await expectProblem(streamed, 413);
  });

  it("refuses a POST body of another content type (400)", async () => {
    for (const type of ["text/plain", "multipart/form-data; boundary=x", "application/xml"]) {
      const response = await call("POST", "signout", { headers: { "content-type": type }, body: "csrfToken=x" });
      await expectProblem(response, 400);
    }
  });

  it("answers invalid UTF-8 with 400", async () => {
    const response = await call("POST", "callback/credentials", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new Uint8Array([0x65, 0x3d, 0xff, 0xfe]),
    });
    await expectProblem(response, 400);
  });

  it("closes the client-log endpoint (_log): 404, and nothing reaches the error log", async () => {
    const error = vi.spyOn(logger, "error");
    const response = await call("POST", "_log", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ level: "error", code: "FORGED_ALERT attacker text" }),
    });
    await expectProblem(response, 404);
    expect(error).not.toHaveBeenCalled();
  });
});

describe("/api/auth/* — hostile query strings", () => {
  it("never answers a 5xx to a hostile callbackUrl or error parameter", async () => {
    for (const path of ["session", "csrf", "providers", "signin", "signout", "error", "callback/credentials", "callback/nope", "signin/nope", "verify-request", "nonexistent", "_log"]) {
      for (const query of ["x=1", "callbackUrl=%00", "callbackUrl=javascript:alert(1)", "callbackUrl=https://evil.example/", "error=%00", "callbackUrl=" + "x".repeat(5000)]) {
        const response = await call("GET", `${path}?${query}`);
        expect(response.status, `${path}?${query.slice(0, 40)}`).toBeLessThan(500);
      }
    }
  });

  it("never answers a 5xx to a hostile callbackUrl in a form body", async () => {
    for (const path of ["signin/credentials", "signout", "callback/credentials", "session", "callback/nope", "signin/nope", "csrf", "nonexistent"]) {
      for (const callbackUrl of ["\u0000", "javascript:alert(1)", "http://[::1", "//evil.example/x"]) {
        const body = new URLSearchParams({ callbackUrl, csrfToken: "x" }).toString();
        const response = await call("POST", path, { headers: { "content-type": "application/x-www-form-urlencoded" }, body });
        expect(response.status, `${path} ${callbackUrl}`).toBeLessThan(500);
      }
    }
  });
});

describe("/api/auth/* — ordinary use still works", () => {
  it("signs in with the credentials form through the capped, re-built request", async () => {
    const { email, password } = await createPasswordUser("NURSE", "10.71.0.1");

    const csrf = await call("GET", "csrf");
    expect(csrf.status).toBe(200);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

    const form = new URLSearchParams({ email, password, csrfToken, json: "true", callbackUrl: "http://127.0.0.1:3000/console" });
    const signedIn = await call("POST", "callback/credentials", {
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, "x-forwarded-for": "10.71.0.1" },
      body: form.toString(),
    });
    expect(signedIn.status).toBe(200);
    expect(((await signedIn.json()) as { url: string }).url).not.toContain("error");
    expect(signedIn.headers.getSetCookie().some((c) => c.startsWith("concierge.session="))).toBe(true);
  });

  it("GET session without a cookie answers an empty session (200)", async () => {
    const response = await call("GET", "session");
    expect(response.status).toBe(200);
  });
});
