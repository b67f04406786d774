/**
 * The compliance page's filter form ⇄ the audit API's filters. The form speaks in what a
 * person types (a member's number or e-mail, whole days in UTC); the API in ids and instants.
 * Pure, unit-tested in audit-filter-form.test.ts.
 */
import { z } from "zod";
import { int8IdTextSchema, minInputYear, maxInputYear } from "@/lib/domain/shared/bounds";
import { textSchema } from "@/lib/domain/shared/text";

export type AuditFilterForm = { member: string; actor: string; action: string; from: string; to: string; cursor: string };

// The API's own bounds (lib/domain/shared/bounds.ts): a day outside them, or a page beyond
// PostgreSQL's bigint, is reported as invalid here rather than refused by the API.
const day = z.iso.date().refine((v) => {
  const year = Number(v.slice(0, 4));
  return year >= minInputYear && year <= maxInputYear;
});
const id = z.uuid();
const cursor = int8IdTextSchema;
const action = textSchema({ max: 100 });

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
}

/** The form as submitted (URL search params). */
export function readAuditFilterForm(params: Record<string, string | string[] | undefined>): AuditFilterForm {
  return {
    member: first(params.member).slice(0, 320),
    actor: first(params.actor),
    action: first(params.action).slice(0, 100),
    from: first(params.from),
    to: first(params.to),
    cursor: first(params.cursor),
  };
}

export type AuditFilterValues = { actorId?: string; action?: string; from?: string; to?: string; cursor?: string };

/**
 * The API filters the form stands for (the member is resolved separately, by lookup). A
 * value that does not parse is reported, never dropped: dropping a filter would silently
 * widen what compliance is looking at.
 */
export function auditFiltersFromForm(form: AuditFilterForm): { values: AuditFilterValues; invalid: string[] } {
  const values: AuditFilterValues = {};
  const invalid: string[] = [];
  if (form.actor) {
    if (id.safeParse(form.actor).success) values.actorId = form.actor;
    else invalid.push("staff member");
  }
  if (form.action) {
    const parsed = action.safeParse(form.action);
    if (parsed.success) values.action = parsed.data;
    else invalid.push("action");
  }
  if (form.from) {
    if (day.safeParse(form.from).success) values.from = `${form.from}T00:00:00.000Z`;
    else invalid.push("from");
  }
  if (form.to) {
    if (day.safeParse(form.to).success) values.to = `${form.to}T23:59:59.999Z`;
    else invalid.push("to");
  }
  if (form.cursor) {
    if (cursor.safeParse(form.cursor).success) values.cursor = form.cursor;
    else invalid.push("page");
  }
  return { values, invalid };
}

/** A query string of the non-empty entries. */
export function queryString(entries: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(entries)) if (v) params.set(k, v);
  const text = params.toString();
  return text ? `?${text}` : "";
}
