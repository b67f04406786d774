import { describe, expect, it } from "vitest";
import { cleanFileName, fileNameExtension, MAX_FILE_NAME_LENGTH } from "./clean-file-name";

const cleaned = (raw: string, fallbackExtension?: string) => {
  const result = cleanFileName(raw, { fallbackExtension });
  if (!result.ok) throw new Error(`refused: ${raw}`);
  return result.name;
};

describe("cleanFileName", () => {
  it("keeps an ordinary name as it is", () => {
    expect(cleaned("Knee X-ray (front).JPG")).toBe("Knee X-ray (front).JPG");
    expect(cleaned("Résumé médical.pdf")).toBe("Résumé médical.pdf");
  });

  it.each([
    ["../../etc/passwd.jpg"],
    ["photos/../secret.pdf"],
    ["..\\..\\Windows\\win.ini"],
    [".."],
    ["a/..\u200B/b.jpg"], // a zero-width space does not disguise the segment
    ["a/ .. /b.jpg"],
  ])("refuses a `..` path segment: %j", (raw) => {
    expect(cleanFileName(raw)).toEqual({ ok: false, code: "bad_file_name", message: "File names cannot contain folder paths." });
  });

  it("does not mistake dots inside a name for a path segment", () => {
    expect(cleaned("report..final.pdf")).toBe("report..final.pdf");
    expect(cleaned("a/.../b.jpg")).toBe("b.jpg");
  });

  it("keeps only the last part of a POSIX or Windows path", () => {
    expect(cleaned("/home/ana/Pictures/rash.png")).toBe("rash.png");
    expect(cleaned("C:\\Users\\Ana\\Documents\\lab results.pdf")).toBe("lab results.pdf");
    expect(cleaned("\\\\server\\share\\scan.pdf")).toBe("scan.pdf");
    expect(cleaned("mixed/path\\to/file.webp")).toBe("file.webp");
  });

  it("normalises to NFC (macOS sends decomposed accents)", () => {
    const decomposed = "Re\u0301sume\u0301.pdf";
    expect(cleaned(decomposed)).toBe("Résumé.pdf");
    expect(cleaned(decomposed)).toHaveLength("Résumé.pdf".length);
  });

  it("removes C0 and C1 control characters and DEL", () => {
    expect(cleaned("sc\u0000an\u0007\u001f.pdf")).toBe("scan.pdf");
    expect(cleaned("sc\u007fan\u0085\u009f.pdf")).toBe("scan.pdf");
  });

  it("removes bidi controls, so a right-to-left override cannot disguise the extension", () => {
    // Displayed as "photoexe.jpg" by bidi-aware UIs; really ends in .exe.
    const trick = "photo\u202Egpj.exe";
    expect(cleaned(trick)).toBe("photogpj.exe");
    expect(fileNameExtension(trick)).toBe("exe");
    for (const control of ["\u061C", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"]) {
      expect(cleaned(`lab${control}.pdf`)).toBe("lab.pdf");
    }
  });

  it("removes zero-width characters and the byte-order mark", () => {
    expect(cleaned("\uFEFFsc\u200Ban\u200C\u200D.pdf")).toBe("scan.pdf");
  });

  it("removes lone surrogates but keeps emoji", () => {
    expect(cleaned("bad\uD800name.png")).toBe("badname.png");
    expect(cleaned("🩺 check-up.png")).toBe("🩺 check-up.png");
  });

  it("collapses runs of whitespace (tabs, newlines, no-break spaces) to one space", () => {
    expect(cleaned("lab \t\n results\u00A0\u00A0 2026.pdf")).toBe("lab results 2026.pdf");
    expect(cleaned("line\u2028break.pdf")).toBe("line break.pdf");
  });

  it("trims spaces and leading/trailing dots", () => {
    expect(cleaned("   scan.pdf   ")).toBe("scan.pdf");
    expect(cleaned(".hidden.png")).toBe("hidden.png");
    expect(cleaned("scan.pdf...")).toBe("scan.pdf");
    expect(cleaned(" . . scan.pdf . ")).toBe("scan.pdf");
  });

  it("falls back to 'attachment' (with the extension when known) when nothing is left", () => {
    expect(cleaned("")).toBe("attachment");
    expect(cleaned("   ")).toBe("attachment");
    expect(cleaned("\u202E\u200B")).toBe("attachment");
    expect(cleaned("...", "pdf")).toBe("attachment.pdf");
    expect(cleaned("C:\\Users\\Ana\\", "jpg")).toBe("attachment.jpg");
  });

  it(`caps names at ${MAX_FILE_NAME_LENGTH} characters, keeping the extension`, () => {
    const long = `${"a".repeat(300)}.JPEG`;
    const name = cleaned(long);
    expect(name).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(name.endsWith(".JPEG")).toBe(true);
  });

  it("counts characters, not UTF-16 units, and never splits an emoji", () => {
    expect(cleaned(`${"😀".repeat(200)}.png`)).toBe(`${"😀".repeat(MAX_FILE_NAME_LENGTH - 4)}.png`);
  });

  it("cuts a long name without an extension plainly", () => {
    expect(cleaned("b".repeat(500))).toBe("b".repeat(MAX_FILE_NAME_LENGTH));
  });
});

describe("fileNameExtension", () => {
  it("is the lower-cased text after the last dot of the last path part", () => {
    expect(fileNameExtension("Scan.PDF")).toBe("pdf");
    expect(fileNameExtension("archive.tar.gz")).toBe("gz");
    expect(fileNameExtension("C:\\photos\\IMG_0001.JPG")).toBe("jpg");
  });

  it("is null when there is none", () => {
    expect(fileNameExtension("scan")).toBeNull();
    expect(fileNameExtension(".bashrc")).toBeNull(); // a hidden name, not an extension
    expect(fileNameExtension("photo.")).toBeNull();
    expect(fileNameExtension("folder.d/scan")).toBeNull();
  });

  it("sees through invisible characters and trailing dots", () => {
    expect(fileNameExtension("photo.jpg\u200B")).toBe("jpg");
    expect(fileNameExtension("photo.exe. . .")).toBe("exe");
  });
});
