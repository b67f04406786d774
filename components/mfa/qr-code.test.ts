// The set-up link's QR code. Structure is checked always; when zbar (Debian's zbar-tools)
// is installed, real decoding too: the SVG is rasterised with sharp and read back.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { numDataCodewords, qrCodeMatrix, qrCodePath, reedSolomonDivisor, reedSolomonRemainder } from "./qr-code";

const link = "otpauth://totp/Concierge:guide%40demo.test?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Concierge&algorithm=SHA1&digits=6&period=30";

describe("QR code encoder", () => {
  it("has the standard's data capacities at level M", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(numDataCodewords)).toEqual([16, 28, 44, 64, 86, 108, 124, 154, 182, 216]);
  });

  it("makes Reed–Solomon codewords that leave no remainder", () => {
    const divisor = reedSolomonDivisor(10);
    const data = Array.from({ length: 16 }, (_, i) => (i * 37 + 11) & 255);
    const ecc = reedSolomonRemainder(data, divisor);
    expect(ecc).toHaveLength(10);
    expect(reedSolomonRemainder([...data, ...ecc], divisor)).toEqual(new Array(10).fill(0));
  });

  it("picks the smallest version, draws finders and timing, and gives up past version 10", () => {
    const small = qrCodeMatrix("hello")!;
    expect(small).toHaveLength(21);
    const matrix = qrCodeMatrix(link)!;
    const size = matrix.length;
    expect((size - 17) % 4).toBe(0);
    for (const [x0, y0] of [[0, 0], [size - 7, 0], [0, size - 7]] as const) {
      // Finder: dark ring, light ring, dark 3×3 centre.
      expect(matrix[y0]![x0]).toBe(true);
      expect(matrix[y0 + 1]![x0 + 1]).toBe(false);
      expect(matrix[y0 + 3]![x0 + 3]).toBe(true);
    }
    for (let i = 8; i < size - 8; i++) expect(matrix[6]![i]).toBe(i % 2 === 0);
    expect(matrix[size - 8]![8]).toBe(true); // the dark module
    expect(qrCodeMatrix("x".repeat(214))).toBeNull();
    expect(qrCodeMatrix("café")).toBeNull(); // no ECI: only ASCII has one reading
    expect(qrCodePath([[true, false], [false, true]])).toBe("M4,4h1v1h-1zM5,5h1v1h-1z");
  });

  const zbar = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].find((p) => existsSync(p));
  it.skipIf(!zbar)("decodes to the exact text with a real reader (zbar)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "concierge-qr-"));
    try {
      for (const text of [link, "hello", "y".repeat(213), `${link}&image=https%3A%2F%2Fexample.org%2Flogo.png`]) {
        const matrix = qrCodeMatrix(text)!;
        const size = matrix.length + 8;
        const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size * 6}" height="${size * 6}" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="${qrCodePath(matrix)}" fill="#000"/></svg>`;
        const file = path.join(dir, "qr.png");
        await sharp(Buffer.from(svg)).png().toFile(file);
        const read = spawnSync(zbar!, ["-q", "--raw", file], { encoding: "utf8" });
        expect(read.stdout.replace(/\n$/, "")).toBe(text);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
