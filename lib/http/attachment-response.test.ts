import { parse } from "content-disposition";
import { describe, expect, it } from "vitest";
import { attachmentResponse, contentDisposition } from "./attachment-response";

describe("contentDisposition", () => {
  it("gives an ASCII fallback and the exact UTF-8 name", () => {
    expect(contentDisposition("inline", "rash.jpg")).toBe("inline; filename=rash.jpg");
    expect(contentDisposition("attachment", "Résumé mai.pdf")).toBe(`attachment; filename="R_sum_ mai.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20mai.pdf`);
    expect(contentDisposition("attachment", "it's (1).pdf")).toBe(`attachment; filename="it's (1).pdf"`);
    expect(contentDisposition("attachment", "it's (1) é.pdf")).toBe(`attachment; filename="it's (1) _.pdf"; filename*=UTF-8''it%27s%20%281%29%20%C3%A9.pdf`);
    expect(contentDisposition("attachment", "")).toBe("attachment; filename=attachment");
  });

  it("cannot be broken out of: quotes, backslashes, semicolons and line breaks never reach the header raw", () => {
    const header = contentDisposition("attachment", 'a";\r\nSet-Cookie: x=1\\.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.split('filename="')[1]!.split('"')[0]).toBe("a____Set-Cookie: x=1_.pdf");
  });
});

describe("contentDisposition round-trips hostile names", () => {
  /** RFC 8187 attr-char (what may stand unescaped in filename*), and %XX. */
  const extendedValue = /^UTF-8''(?:[A-Za-z0-9!#$&+.^_`|~-]|%[0-9A-F]{2})*$/;
  const hostile = [
    "it's (copy) *final*.pdf",
    "a'b.pdf",
    "Résumé (1).pdf",
    'quote " and \\ backslash.pdf',
    "semi;colon, comma=equals.pdf",
    "percent %41 %zz.pdf",
    "tab\tand\r\nbreaks.pdf",
    "日本語の診断書.pdf",
    "emoji 🩺 ~`|^!#$&+.pdf",
    "\u202Egpj.exe",
    "=?utf-8?q?x?=.pdf",
  ];

  it.each(hostile)("%j", (name) => {
    for (const kind of ["inline", "attachment"] as const) {
      const header = contentDisposition(kind, name);
      // Every byte printable ASCII: nothing to split the header or confuse a latin-1 reader.
      expect(header).toMatch(/^[\x20-\x7e]+$/);
      const parsed = parse(header);
      expect(parsed.type).toBe(kind);
      // A reader that understands filename* gets the exact name back; one that does not gets the fallback.
      expect(parsed.parameters.filename).toBe(name);
      const extended = header.match(/filename\*=([^;]*)/)?.[1];
      if (extended !== undefined) expect(extended).toMatch(extendedValue);
      else expect(name).toMatch(/^[\x20-\x7e]+$/);
    }
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
