/**
 * Resolves the compliance view's member filter: an exact member number, e-mail address or
 * id — never a partial name search, so the filter cannot be used to browse members. The
 * lookup is audited with the member it found.
 */
import { z } from "zod";
import type { Actor } from "../../access/actor";
import { getDb } from "../../db/client";
import { searchTermSchema } from "../shared/text";
import { authorize } from "./authorize";
import { recordAudit } from "./record-audit";

export type AuditMember = { id: string; name: string; memberNumber: string };

export async function findAuditMember(actor: Actor, query: string): Promise<AuditMember | null> {
  await authorize(actor, "audit.read");
  // ⚠ The shared text rules (lib/domain/shared/text.ts): text with NUL, control or bidi
  // characters matches no member (and never reaches PostgreSQL, which refuses NUL).
  const parsed = searchTermSchema(320).safeParse(query);
  const q = parsed.success ? parsed.data : "";
  if (!q) return null;
  const db = await getDb();
  const byId = z.uuid().safeParse(q).success;
  const user = await db.user.findFirst({
    where: {
      role: "MEMBER",
      OR: [{ email: q.toLowerCase() }, { memberProfile: { is: { memberNumber: q } } }, ...(byId ? [{ id: q.toLowerCase() }] : [])],
    },
    select: { id: true, name: true, memberProfile: { select: { memberNumber: true } } },
  });
  await recordAudit(db, actor, {
    action: "audit.findMember",
    memberId: user?.id ?? null,
    recordType: "member",
    recordId: user?.id ?? null,
    details: { found: user !== null },
  });
  return user ? { id: user.id, name: user.name, memberNumber: user.memberProfile?.memberNumber ?? "" } : null;
}
