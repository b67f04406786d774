import { describe, expect, it } from "vitest";
import { attachmentResponse, contentDisposition } from "./attachment-response";

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the exact UTF-8 name", () => {
    expect(contentDisposition("inline", "rash.jpg")).toBe(`inline; filename="rash.jpg"; filename*=UTF-8''rash.jpg`);
    expect(contentDisposition("attachment", "Résumé mai.pdf")).toBe(`attachment; filename="R_sum_ mai.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20mai.pdf`);
  });

  it("cannot be broken out of: quotes, backslashes, semicolons and line breaks never reach the header raw", () => {
    const header = contentDisposition("attachment", 'a";\r\nSet-Cookie: x=1\\.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.split('filename="')[1]!.split('"')[0]).toBe("a____Set-Cookie: x=1_.pdf");
  });
});

describe("attachmentResponse", () => {
  const bytes = Buffer.from([1, 2, 3]);

  it("serves images inline with nosniff, its own CSP and same-origin only", () => {
    const response = attachmentResponse({ bytes, contentType: "image/jpeg", fileName: "a.jpg", variant: "original" }, { download: false });
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(response.headers.get("content-disposition")).toMatch(/^inline;/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-security-policy")).toMatch(/default-src 'none'.*sandbox/);
    expect(response.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(response.headers.get("content-length")).toBe("3");
  });

  it("serves PDFs, and anything asked for as a download, as an attachment", () => {
    expect(attachmentResponse({ bytes, contentType: "application/pdf", fileName: "a.pdf", variant: "original" }, { download: false }).headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(attachmentResponse({ bytes, contentType: "image/png", fileName: "a.png", variant: "original" }, { download: true }).headers.get("content-disposition")).toMatch(/^attachment;/);
  });
});
