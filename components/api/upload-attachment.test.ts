import { describe, expect, it } from "vitest";
import { uploadErrorMessage } from "./upload-attachment";

describe("uploadErrorMessage", () => {
  it("shows the problem's detail as the server wrote it", () => {
    const body = JSON.stringify({ type: "about:blank", title: "Bad Request", status: 400, detail: "This file type is not allowed." });
    expect(uploadErrorMessage(400, body)).toBe("This file type is not allowed.");
  });
  it("falls back to words chosen by status when there is no detail", () => {
    expect(uploadErrorMessage(413, "<html>Request Entity Too Large</html>")).toBe("Files are limited to 20 MB.");
    expect(uploadErrorMessage(500, "")).toBe("The upload did not work. Try again.");
    expect(uploadErrorMessage(400, JSON.stringify({ detail: "  " }))).toBe("The upload did not work. Try again.");
  });
});
