import type { Actor } from "../../access/actor";
import { memberContextFields, memberContextFieldsFor, type MemberContextField } from "../../access/member-context-fields";
import { memberWhereForActor, ticketWhereForActor } from "../../access/scopes";
import { getDb } from "../../db/client";
import { authorize } from "../audit/authorize";
import { recordAudit } from "../audit/record-audit";
import { memberContextSelect, type MemberContextRow } from "./member-context-select";
import type { MemberContextView } from "./schemas";
import { parseRecordId } from "../shared/record-id";
import { recordNotFound } from "../audit/record-not-found";

/** How many of the member's tickets the panel lists. */
const RECENT_TICKETS = 5;

/**
 * The member context panel (GET /api/v1/members/{id}/context): only the fields the actor's
 * role is granted by lib/access/member-context-fields.ts. A field not granted is neither
 * read from the database nor present in the result (not even as undefined); `fields` lists
 * the keys that are present. Reading it is audited with the fields shown.
 */
export async function getMemberContext(actor: Actor, memberId: string): Promise<MemberContextView> {
  await authorize(actor, "memberContext.read", { recordType: "member", recordId: memberId }, { denyAs: "NOT_FOUND" });
  const db = await getDb();
  const granted = memberContextFieldsFor(actor.role);
  const id = parseRecordId(memberId);

  const user = id
    ? ((await db.user.findFirst({
        where: { id, ...memberWhereForActor(actor), memberProfile: { isNot: null } },
        select: memberContextSelect(granted),
      })) as MemberContextRow | null)
    : null;
  const profile = user?.memberProfile;
  if (!user || !profile) {
    // ⚠ Missing, out of scope or malformed: the same NOT_FOUND, audited as DENIED. The id
    // goes in recordId, not memberId: nothing of that person was shown.
    throw await recordNotFound(db, actor, { action: "memberContext.read", recordType: "member", recordId: memberId });
  }

  const recentTickets = granted.has("recentTickets")
    ? await db.ticket.findMany({
        where: { AND: [ticketWhereForActor(actor), { thread: { memberId: user.id } }] },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: RECENT_TICKETS,
        select: { id: true, threadId: true, status: true, createdAt: true, thread: { select: { subject: true } } },
      })
    : null;

  // Each key is added only when granted: absent otherwise, not undefined.
  const values: Omit<MemberContextView, "id" | "fields"> = {};
  const plan = profile.plan ?? null;
  if (granted.has("name")) values.name = read(user.name, "name");
  if (granted.has("age")) values.age = ageOn(read(profile.dateOfBirth, "age"), new Date());
  if (granted.has("dateOfBirth")) values.dateOfBirth = read(profile.dateOfBirth, "dateOfBirth").toISOString().slice(0, 10);
  if (granted.has("sex")) values.sex = read(profile.sex, "sex");
  if (granted.has("memberNumber")) values.memberNumber = read(profile.memberNumber, "memberNumber");
  if (granted.has("phone")) values.phone = read(profile.phone, "phone");
  if (granted.has("email")) values.email = read(user.email, "email");
  if (granted.has("address")) {
    const address = {
      line1: read(profile.addressLine1, "address"),
      line2: read(profile.addressLine2, "address"),
      city: read(profile.city, "address"),
      region: read(profile.region, "address"),
      postalCode: read(profile.postalCode, "address"),
    };
    values.address = Object.values(address).every((v) => v === null) ? null : address;
  }
  if (granted.has("plan")) {
    values.plan = plan ? { name: read(plan.name, "plan"), metalLevel: read(plan.metalLevel, "plan"), planYear: read(plan.planYear, "plan") } : null;
  }
  if (granted.has("deductible")) {
    values.deductible = plan
      ? { usedCents: read(profile.deductibleUsedCents, "deductible"), totalCents: read(plan.deductibleCents, "deductible") }
      : null;
  }
  if (granted.has("healthTags")) {
    values.healthTags = read(profile.healthTags, "healthTags").map(({ tag }) => ({ code: tag.code, label: tag.label, category: tag.category }));
  }
  if (recentTickets) {
    values.recentTickets = recentTickets.map((t) => ({
      id: t.id,
      threadId: t.threadId,
      subject: t.thread.subject,
      status: t.status,
      createdAt: t.createdAt.toISOString(),
    }));
  }
  // In the table's order, and only what is really present.
  const fields = memberContextFields.filter((f) => Object.hasOwn(values, f));

  await recordAudit(db, actor, { action: "memberContext.read", memberId: user.id, recordType: "member", recordId: user.id, details: { fields } });
  return { id: user.id, fields, ...values };
}

/** A granted column that the projection failed to read is a bug, not an empty value. */
function read<T>(value: T | undefined, field: MemberContextField): T {
  if (value === undefined) throw new Error(`member context: granted field "${field}" was not selected`);
  return value;
}

/** Whole years from a date of birth (a calendar date, read in UTC) to `now`. */
function ageOn(dateOfBirth: Date, now: Date): number {
  const years = now.getUTCFullYear() - dateOfBirth.getUTCFullYear();
  const beforeBirthday =
    now.getUTCMonth() < dateOfBirth.getUTCMonth() || (now.getUTCMonth() === dateOfBirth.getUTCMonth() && now.getUTCDate() < dateOfBirth.getUTCDate());
  return beforeBirthday ? years - 1 : years;
}
