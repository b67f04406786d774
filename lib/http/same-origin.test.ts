import { describe, expect, it } from "vitest";
import { appOrigins, isForbiddenCrossOriginWrite } from "./same-origin";

const allowed = appOrigins("http://0.0.0.0:3100/api/v1/threads", "http://127.0.0.1:3100");
const check = (method: string, headers: Record<string, string>) => isForbiddenCrossOriginWrite(method, new Headers(headers), allowed);

describe("CSRF defence for cookie writes", () => {
  it("knows the request URL's origin and AUTH_URL's", () => {
    expect(allowed).toEqual(["http://0.0.0.0:3100", "http://127.0.0.1:3100"]);
    expect(appOrigins("https://app.example.org/x", undefined)).toEqual(["https://app.example.org"]);
    expect(appOrigins("http://localhost:3000/x", "https://app.example.org/base/")).toEqual(["http://localhost:3000", "https://app.example.org"]);
  });

  it("lets reads through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) expect(check(method, { origin: "https://evil.example" })).toBe(false);
  });

  it("refuses writes without an Origin, with Origin null, or from another origin", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
      expect(check(method, {})).toBe(true);
      expect(check(method, { origin: "null" })).toBe(true);
      expect(check(method, { origin: "https://evil.example" })).toBe(true);
      expect(check(method, { origin: "http://127.0.0.1:3101" })).toBe(true);
      expect(check(method, { origin: "https://127.0.0.1:3100" })).toBe(true);
      expect(check(method, { origin: "not a url" })).toBe(true);
    }
  });

  it("accepts writes from the app's own origin", () => {
    expect(check("POST", { origin: "http://127.0.0.1:3100" })).toBe(false);
    expect(check("PATCH", { origin: "http://0.0.0.0:3100" })).toBe(false);
  });

  it("exempts requests that authenticate with an Authorization header (never cookie-authenticated)", () => {
    expect(check("POST", { authorization: "Bearer cnc_abcdefgh_0123456789abcdefghij" })).toBe(false);
    expect(check("DELETE", { authorization: "Bearer x", origin: "https://evil.example" })).toBe(false);
  });
});
