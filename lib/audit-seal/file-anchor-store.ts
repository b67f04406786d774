/**
 * The default anchor store: a local file opened with O_APPEND for every write, one line per
 * seal batch, flushed to disk before the write counts. The app never opens it any other way
 * for writing. Make the file append-only for everyone, root included, with `chattr +a`
 * (docs/audit.md): then not even the app's own user can truncate or rewrite it.
 */
import { constants } from "node:fs";
import { mkdir, open, readFile } from "node:fs/promises";
import path from "node:path";
import type { AnchorStore } from "./anchor-store";

export function createFileAnchorStore(file: string): AnchorStore {
  return {
    kind: "file",
    async append(line) {
      if (line.includes("\n")) throw new Error("An anchor is one line");
      await mkdir(path.dirname(file), { recursive: true });
      // O_APPEND: every write lands at the end, whatever else has the file open; one write()
      // per line, so lines from several processes never interleave.
      const handle = await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o600);
      try {
        await handle.write(`${line}\n`);
        await handle.datasync();
      } finally {
        await handle.close();
      }
    },
    async readAll() {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw error;
      }
      return text.split("\n").filter((line) => line.trim() !== "");
    },
  };
}
