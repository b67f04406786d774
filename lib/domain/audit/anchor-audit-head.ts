/**
 * Appends the chain head after a seal batch to the anchor store outside the database
 * (lib/audit-seal/anchor-store.ts; docs/audit.md "Anchors"). Called by the sealer after the
 * batch has committed. A failed write (store down, disk full) does not undo the seals: it is
 * logged and owed, and the next pass anchors whatever the head is then — which covers the
 * missed batch too, since every later head is linked to it.
 */
import { getDb } from "../../db/client";
import { serializeAnchor } from "../../audit-seal/anchor";
import { getAuditAnchorStore } from "../../audit-seal/anchor-store";
import { getAuditSealKeys } from "../../audit-seal/seal-key";
import { logger } from "../../log/logger";
import { SEAL_VERSION_KEYED } from "./audit-chain-hash";

export type SealedHead = { seq: bigint; auditId: bigint; hash: string; keyedFrom: bigint };

let owed = false;

export async function anchorAuditHead(head: SealedHead): Promise<boolean> {
  const line = serializeAnchor(getAuditSealKeys().anchor, { seq: head.seq, auditId: head.auditId, head: head.hash, keyedFrom: head.keyedFrom, at: new Date() });
  try {
    await getAuditAnchorStore().append(line);
    owed = false;
    return true;
  } catch (error) {
    owed = true;
    // The shared serializer: class, code, frames and causes, never the message (lib/log/serialize-error.ts).
    logger.error({ err: error }, "audit anchor write failed; the next sealing pass anchors the head again");
    return false;
  }
}

/** After a failed anchor write: anchor the current keyed head, even if nothing new is sealed. */
export async function anchorCurrentHeadIfOwed(): Promise<void> {
  if (!owed) return;
  const db = await getDb();
  const head = await db.auditSeal.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, auditId: true, hash: true, version: true } });
  if (!head || head.version < SEAL_VERSION_KEYED) return;
  const [first] = await db.$queryRaw<{ first: string | null }[]>`SELECT min(seq)::text AS first FROM audit_seals WHERE version >= ${SEAL_VERSION_KEYED}`;
  await anchorAuditHead({ seq: head.seq, auditId: head.auditId, hash: head.hash, keyedFrom: BigInt(first?.first ?? head.seq.toString()) });
}
