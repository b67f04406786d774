import { describe, expect, it } from "vitest";
import {
  fallbackStatusMessage,
  fitWithin,
  isImage,
  maxFileBytes,
  pastedFileName,
  pendingPollInterval,
  precheckFile,
  sendBlocker,
  takeWithinLimit,
  typeNotAllowedMessage,
} from "./attachment-rules";

describe("precheckFile", () => {
  it("lets photos and PDFs through", () => {
    expect(precheckFile({ name: "a.jpg", size: 10, type: "image/jpeg" })).toBeNull();
    expect(precheckFile({ name: "a.png", size: 10, type: "image/png" })).toBeNull();
    expect(precheckFile({ name: "a.webp", size: 10, type: "image/webp" })).toBeNull();
    expect(precheckFile({ name: "letter.pdf", size: maxFileBytes, type: "application/pdf" })).toBeNull();
  });

  it("refuses other types, by type or, without one, by name", () => {
    expect(precheckFile({ name: "page.html", size: 10, type: "text/html" })).toBe(typeNotAllowedMessage);
    expect(precheckFile({ name: "icon.svg", size: 10, type: "image/svg+xml" })).toBe(typeNotAllowedMessage);
    expect(precheckFile({ name: "run.exe", size: 10, type: "" })).toBe(typeNotAllowedMessage);
    expect(precheckFile({ name: "scan.PDF", size: 10, type: "" })).toBeNull();
  });

  it("refuses empty and oversized files with the size in words", () => {
    expect(precheckFile({ name: "a.pdf", size: 0, type: "application/pdf" })).toBe("The file is empty.");
    expect(precheckFile({ name: "a.pdf", size: maxFileBytes + 1, type: "application/pdf" })).toBe("This file is too large (20 MB). Files are limited to 20 MB.");
    expect(precheckFile({ name: "a.pdf", size: 31_400_000, type: "application/pdf" })).toBe("This file is too large (31 MB). Files are limited to 20 MB.");
  });

  it("explains iPhone HEIC photos, and accepts JPEG aliases", () => {
    expect(precheckFile({ name: "IMG_0001.HEIC", size: 10, type: "" })).toMatch(/HEIC/);
    expect(precheckFile({ name: "IMG_0001.heic", size: 10, type: "image/heic" })).toMatch(/HEIC/);
    expect(precheckFile({ name: "old.jpg", size: 10, type: "image/pjpeg" })).toBeNull();
    expect(precheckFile({ name: "scan.jfif", size: 10, type: "application/octet-stream" })).toBeNull();
  });
});

describe("takeWithinLimit", () => {
  it("takes what fits beside the files already attached", () => {
    expect(takeWithinLimit(0, [1, 2, 3])).toEqual({ taken: [1, 2, 3], dropped: 0 });
    expect(takeWithinLimit(8, [1, 2, 3])).toEqual({ taken: [1, 2], dropped: 1 });
    expect(takeWithinLimit(10, [1])).toEqual({ taken: [], dropped: 1 });
    expect(takeWithinLimit(12, [1])).toEqual({ taken: [], dropped: 1 });
  });
});

describe("fitWithin", () => {
  it("scales down to the box keeping proportions", () => {
    expect(fitWithin(480, 320, 240, 240)).toEqual({ width: 240, height: 160 });
    expect(fitWithin(320, 480, 240, 240)).toEqual({ width: 160, height: 240 });
    expect(fitWithin(4000, 10, 240, 240)).toEqual({ width: 240, height: 1 });
  });
  it("never enlarges, and falls back to the box for unknown sizes", () => {
    expect(fitWithin(100, 50, 240, 240)).toEqual({ width: 100, height: 50 });
    expect(fitWithin(0, 0, 240, 180)).toEqual({ width: 240, height: 180 });
  });
});

describe("pendingPollInterval", () => {
  it("polls briskly, then gently", () => {
    expect(pendingPollInterval(0)).toBe(700);
    expect(pendingPollInterval(59)).toBe(700);
    expect(pendingPollInterval(60)).toBe(5_000);
  });
});

describe("pastedFileName", () => {
  const now = new Date(2026, 0, 5, 9, 7, 3);
  it("names clipboard images by time and keeps real names", () => {
    expect(pastedFileName({ name: "image.png", type: "image/png" }, now)).toBe("Pasted image 2026-01-05 09.07.03.png");
    expect(pastedFileName({ name: "", type: "image/jpeg" }, now)).toBe("Pasted image 2026-01-05 09.07.03.jpg");
    expect(pastedFileName({ name: "rash.jpg", type: "image/jpeg" }, now)).toBe("rash.jpg");
  });
});

describe("labels", () => {
  it("knows images and has words for every status", () => {
    expect(isImage({ contentType: "image/webp", documentType: null })).toBe(true);
    expect(isImage({ contentType: "application/pdf", documentType: "document" })).toBe(false);
    expect(fallbackStatusMessage("INFECTED")).toMatch(/virus/);
  });
});

describe("sendBlocker", () => {
  const ok = { fileName: "a.jpg", phase: "uploaded" as const, view: { status: "CLEAN" as const } };
  it("lets clean and still-checking files go", () => {
    expect(sendBlocker([])).toBeNull();
    expect(sendBlocker([ok, { fileName: "b.pdf", phase: "uploaded", view: { status: "PENDING" } }])).toBeNull();
  });
  it("waits for uploads, and asks for refused files to be removed first", () => {
    expect(sendBlocker([ok, { fileName: "b.pdf", phase: "uploading" }])).toBe("Wait for the upload to finish.");
    expect(sendBlocker([ok, { fileName: "virus.pdf", phase: "uploaded", view: { status: "INFECTED" } }])).toBe("To send, remove “virus.pdf”: it cannot be attached.");
    expect(sendBlocker([{ fileName: "x.exe", phase: "error" }, { fileName: "y.pdf", phase: "uploaded", view: { status: "FAILED" } }, { fileName: "z", phase: "uploading" }])).toBe(
      "To send, remove the 2 files that cannot be attached.",
    );
  });
});
