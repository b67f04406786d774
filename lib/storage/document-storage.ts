/**
 * Document storage behind one interface (DESIGN.md §1). This is the embedded default, a
 * local directory under DATA_DIR; the S3 driver and encryption at rest arrive with the
 * attachments pipeline.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { getEnv } from "../env";

export type StorageHealth = "ok" | "unavailable";

export type DocumentStorage = {
  kind: "local" | "s3";
  checkHealth(): Promise<StorageHealth>;
};

function localStorage(root: string): DocumentStorage {
  return {
    kind: "local",
    async checkHealth() {
      const probe = path.join(root, ".health", randomUUID());
      try {
        await mkdir(path.dirname(probe), { recursive: true });
        await writeFile(probe, "ok");
        const back = await readFile(probe, "utf8");
        await rm(probe);
        return back === "ok" ? "ok" : "unavailable";
      } catch {
        return "unavailable";
      }
    },
  };
}

export function getDocumentStorage(): DocumentStorage {
  return localStorage(path.resolve(getEnv().DATA_DIR, "documents"));
}
