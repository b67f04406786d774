import { expect, test } from "@playwright/test";

test("GET /api/v1/openapi.json is public and describes every route", async ({ request }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("application/json");
  const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { securitySchemes: Record<string, unknown> } };
  expect(doc.openapi).toMatch(/^3\.1\./);
  for (const path of ["/me", "/threads", "/threads/{id}", "/threads/{id}/messages", "/tickets", "/tickets/{id}", "/members/{id}/context", "/audit"]) {
    expect(doc.paths[path], path).toBeDefined();
  }
  expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(["bearerKey", "sessionCookie"]);
});
