import { describe, expect, it } from "vitest";
import { extensionsByType, isAllowedContentType, normaliseDeclaredType, preferredExtension } from "./allowed-types";

describe("normaliseDeclaredType", () => {
  it.each([null, "", "   ", "application/octet-stream", "Application/Octet-Stream; charset=binary"])("treats %j as not declared", (declared) => {
    expect(normaliseDeclaredType(declared)).toBeNull();
  });

  it("resolves the JPEG aliases", () => {
    expect(normaliseDeclaredType("image/jpg")).toBe("image/jpeg");
    expect(normaliseDeclaredType("image/pjpeg")).toBe("image/jpeg");
  });

  it("lower-cases and drops parameters", () => {
    expect(normaliseDeclaredType(" Image/PNG ")).toBe("image/png");
    expect(normaliseDeclaredType("application/pdf; name=scan.pdf")).toBe("application/pdf");
  });

  it("passes other types through, to be compared with the detected one", () => {
    expect(normaliseDeclaredType("text/html")).toBe("text/html");
  });
});

describe("the allowed types", () => {
  it("are JPEG, PNG, WebP and PDF only", () => {
    expect(["image/jpeg", "image/png", "image/webp", "application/pdf"].every(isAllowedContentType)).toBe(true);
    expect(["image/gif", "image/heic", "image/svg+xml", "text/html", "application/zip"].some(isAllowedContentType)).toBe(false);
  });

  it("each have their extensions, the usual one first", () => {
    expect(extensionsByType["image/jpeg"]).toEqual(["jpg", "jpeg", "jfif", "jpe"]);
    expect(preferredExtension("image/jpeg")).toBe("jpg");
    expect(preferredExtension("application/pdf")).toBe("pdf");
  });
});
