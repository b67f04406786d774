/**
 * The little language the demo conversations are written in. A script lists what happened
 * in a thread, in order; build-demo-threads.ts replays it through the ticket rules of
 * DESIGN.md §4 to derive statuses, waiting times, first responses and ticket events, so
 * the stored history is always consistent with the messages.
 */
import type { TicketPriority } from "../../lib/db/generated/client";

/**
 * "member" (the thread's member), a role within the owning team ("guide" — the assignee
 * when they are a care guide, else the team's first care guide —, "nurse", "doctor"), or a
 * staff email. Staff must belong to the owning team.
 */
export type Author = "member" | "guide" | "nurse" | "doctor" | `${string}@demo.test`;

export type ScriptStep =
  /** A message; `internal` makes it a staff-only note. */
  | { at: number; from: Author; body: string; internal?: boolean; keepOpen?: boolean }
  | { at: number; action: "solve"; by: Author }
  | { at: number; action: "hold"; by: Author }
  /** The automatic close after the quiet period (a system event: no actor). */
  | { at: number; action: "close" };

export type ThreadScript = {
  /** The member's email. */
  member: string;
  /** Opened on another team's channel; default: the member's concierge team, or triage. */
  channel?: "vpc" | "riverside";
  subject: string;
  /** Set by staff when they first pick the ticket up (stays null while nobody has). */
  caseType: string;
  priority?: TicketPriority;
  /** Assigned just before their first step, by themselves. */
  assignee?: Author;
  /** How long ago the first message was sent, in days (fractions allowed). */
  startedDaysAgo: number;
  /** Minutes after the first message, ascending; the first step is the member's message at 0. */
  steps: ScriptStep[];
};

/** Minutes, for readable offsets: d(1) + h(2) + 15. */
export const h = (hours: number) => hours * 60;
export const d = (days: number) => days * 24 * 60;

export const fromMember = (at: number, body: string): ScriptStep => ({ at, from: "member", body });
export const reply = (at: number, from: Author, body: string, opts: { keepOpen?: boolean } = {}): ScriptStep => ({
  at,
  from,
  body,
  ...opts,
});
export const note = (at: number, from: Author, body: string): ScriptStep => ({ at, from, body, internal: true });
export const solve = (at: number, by: Author): ScriptStep => ({ at, action: "solve", by });
export const hold = (at: number, by: Author): ScriptStep => ({ at, action: "hold", by });
export const autoClose = (at: number): ScriptStep => ({ at, action: "close" });

/** Days until a SOLVED ticket closes by itself in the demo histories. */
export const QUIET_DAYS = 3;
