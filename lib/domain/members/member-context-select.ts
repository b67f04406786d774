/**
 * ⚠ SECURITY: turns the granted member-context fields (lib/access/member-context-fields.ts)
 * into the database projection. A field not granted is `false` here (a relation: left out),
 * so its columns are never read for that role; getMemberContext then adds only granted keys.
 */
import type { MemberContextField } from "../../access/member-context-fields";
import type { MetalLevel, Prisma, Sex } from "../../db/generated/client";

export function memberContextSelect(granted: ReadonlySet<MemberContextField>): Prisma.UserSelect {
  const has = (f: MemberContextField) => granted.has(f);
  const address = has("address");
  return {
    id: true,
    name: has("name"),
    email: has("email"),
    memberProfile: {
      select: {
        dateOfBirth: has("dateOfBirth") || has("age"),
        sex: has("sex"),
        memberNumber: has("memberNumber"),
        phone: has("phone"),
        addressLine1: address,
        addressLine2: address,
        city: address,
        region: address,
        postalCode: address,
        deductibleUsedCents: has("deductible"),
        ...((has("plan") || has("deductible")) && {
          plan: { select: { name: has("plan"), metalLevel: has("plan"), planYear: has("plan"), deductibleCents: has("deductible") } },
        }),
        ...(has("healthTags") && {
          healthTags: { orderBy: { tag: { label: "asc" } }, select: { tag: { select: { code: true, label: true, category: true } } } },
        }),
      },
    },
  };
}

/** What that projection returns: every field optional, present only when granted. */
export type MemberContextRow = {
  id: string;
  name?: string;
  email?: string;
  memberProfile: {
    dateOfBirth?: Date;
    sex?: Sex;
    memberNumber?: string;
    phone?: string | null;
    addressLine1?: string | null;
    addressLine2?: string | null;
    city?: string | null;
    region?: string | null;
    postalCode?: string | null;
    deductibleUsedCents?: number;
    plan?: { name?: string; metalLevel?: MetalLevel; planYear?: number; deductibleCents?: number } | null;
    healthTags?: { tag: { code: string; label: string; category: string } }[];
  } | null;
};
