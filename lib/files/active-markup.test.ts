import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { containsActiveMarkup } from "./active-markup";
import { eicarString } from "./test-files";

const inBinary = (text: string) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]), Buffer.from(text, "latin1"), Buffer.from([0x00, 0xff, 0xd9])]);

describe("containsActiveMarkup", () => {
  it.each([
    "<html>",
    "<script>alert(1)</script>",
    "<svg onload=alert(1)>",
    "<iframe src=x>",
    "<body onload=x>",
    "<object data=x>",
    "<embed src=x>",
    "<!doctype html>",
    "<!DOCTYPE svg PUBLIC>",
    "javascript:alert(1)",
    "<svg/onload=alert(1)>",
    "<script\ttype=module>",
  ])("finds %j", (markup) => {
    expect(containsActiveMarkup(inBinary(markup))).toBe(true);
  });

  it("ignores ASCII case", () => {
    expect(containsActiveMarkup(inBinary("<ScRiPt>"))).toBe(true);
    expect(containsActiveMarkup(inBinary("JaVaScRiPt:void(0)"))).toBe(true);
    expect(containsActiveMarkup(inBinary("<HTML>"))).toBe(true);
  });

  it("finds markup at the very start and the very end", () => {
    expect(containsActiveMarkup(Buffer.from("<html><p>hi"))).toBe(true);
    expect(containsActiveMarkup(Buffer.from("\x00\x01javascript:"))).toBe(true);
    expect(containsActiveMarkup(Buffer.from("\x00\x01<html"))).toBe(true); // cut off: still a tag opening
  });

  it("needs a tag delimiter after the tag name, as an HTML parser does", () => {
    expect(containsActiveMarkup(inBinary("<svgx"))).toBe(false);
    expect(containsActiveMarkup(inBinary("<htmlfoo"))).toBe(false);
    expect(containsActiveMarkup(inBinary("<embedded"))).toBe(false);
    expect(containsActiveMarkup(inBinary("<script\u0000"))).toBe(false);
  });

  it("leaves ordinary binary and text alone", () => {
    expect(containsActiveMarkup(inBinary("a < b: yes; <p>paragraph</p> <b>bold</b> script java:"))).toBe(false);
    expect(containsActiveMarkup(Buffer.alloc(0))).toBe(false);
    expect(containsActiveMarkup(Buffer.from("<"))).toBe(false);
  });

  it("does not mind the EICAR test string (that is the virus scanner's)", () => {
    expect(containsActiveMarkup(inBinary(eicarString()))).toBe(false);
  });

  it("works on a Uint8Array view into a larger buffer", () => {
    const backing = Buffer.from("<html> padding padding");
    expect(containsActiveMarkup(new Uint8Array(backing.buffer, backing.byteOffset + 7, 10))).toBe(false);
    expect(containsActiveMarkup(new Uint8Array(backing.buffer, backing.byteOffset, 6))).toBe(true);
  });

  it("finds markup after long runs of near misses (the dense-input path)", () => {
    const nearMisses = Buffer.from("<s<h:t:".repeat(200_000), "latin1");
    expect(containsActiveMarkup(nearMisses)).toBe(false);
    expect(containsActiveMarkup(Buffer.concat([nearMisses, Buffer.from("<iframe>")]))).toBe(true);
    expect(containsActiveMarkup(Buffer.concat([nearMisses, Buffer.from("javascript:")]))).toBe(true);
  });

  it("scans 20 MB of compressed-looking data quickly (measured ~7 ms; the bound only catches a pathological regression)", () => {
    const bytes = randomBytes(20 * 1024 * 1024);
    // Rule out a chance hit so the whole buffer is scanned.
    for (let i = bytes.indexOf(0x3c); i !== -1; i = bytes.indexOf(0x3c, i + 1)) bytes[i] = 0x3d;
    for (let i = bytes.indexOf(0x3a); i !== -1; i = bytes.indexOf(0x3a, i + 1)) bytes[i] = 0x3b;
    bytes[1000] = 0x3c; // some anchors back, none matching
    const started = performance.now();
    expect(containsActiveMarkup(bytes)).toBe(false);
    expect(performance.now() - started).toBeLessThan(250);
  });
});
