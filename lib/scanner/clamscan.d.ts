// The `clamscan` package (2.x) ships no types. Only what lib/scanner uses is declared; the
// results are typed loosely on purpose so scan-bytes.ts checks every field itself.
declare module "clamscan" {
  import type { Socket } from "node:net";
  import type { Readable } from "node:stream";

  type ClamdscanOptions = {
    socket?: string | false;
    host?: string | false;
    port?: number | false;
    timeout?: number;
    localFallback?: boolean;
    path?: string | null;
    active?: boolean;
    bypassTest?: boolean;
  };

  export type NodeClamOptions = {
    removeInfected?: boolean;
    quarantineInfected?: false | string;
    scanLog?: string | null;
    debugMode?: boolean;
    preference?: "clamdscan" | "clamscan";
    clamscan?: { active?: boolean; path?: string | null };
    clamdscan?: ClamdscanOptions;
  };

  export type ScanStreamResult = { isInfected?: unknown; viruses?: unknown; timeout?: unknown; resultString?: unknown };

  export default class NodeClam {
    init(options?: NodeClamOptions): Promise<NodeClam>;
    scanStream(stream: Readable): Promise<ScanStreamResult>;
    /** Internal: opens the connection to clamd (overridden to keep hold of the socket). */
    protected _initSocket(label?: string): Promise<Socket>;
  }
}
