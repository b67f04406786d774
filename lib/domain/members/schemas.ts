// Views of the member context panel. Every field is optional: a role only receives the
// fields lib/access/member-context-fields.ts grants it.
export type MemberContextView = {
  id: string;
  /** The fields this view carries, so clients can tell "not granted" from "empty". */
  fields: string[];
  name?: string;
  age?: number;
  dateOfBirth?: string;
  sex?: "FEMALE" | "MALE" | "INTERSEX" | "UNKNOWN";
  memberNumber?: string;
  phone?: string | null;
  email?: string;
  address?: { line1: string | null; line2: string | null; city: string | null; region: string | null; postalCode: string | null } | null;
  plan?: { name: string; metalLevel: string; planYear: number } | null;
  deductible?: { usedCents: number; totalCents: number } | null;
  healthTags?: { code: string; label: string; category: string }[];
  recentTickets?: { id: string; threadId: string; subject: string | null; status: string; createdAt: string }[];
};
