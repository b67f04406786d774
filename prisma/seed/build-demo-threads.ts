/**
 * Replays the demo conversation scripts through the ticket rules (DESIGN.md §4) into rows:
 *  - a member's first message creates the ticket (NEW) in the owning team's queue, or in
 *    triage when the member has no team;
 *  - a staff reply moves NEW/OPEN to PENDING (or NEW to OPEN with keepOpen);
 *  - a member reply moves PENDING/SOLVED to OPEN; on a CLOSED ticket it opens a follow-up;
 *  - internal notes change nothing;
 *  - waitingSince is set while the last word is the member's on a NEW/OPEN ticket.
 * Any script that breaks a rule (staff outside the team, steps out of order, a message in
 * the future, …) throws, so mistakes show on the first run rather than in the demo.
 */
import {
  MessageVisibility,
  TicketEventType,
  TicketPriority,
  TicketStatus,
  type Prisma,
} from "../../lib/db/generated/client";
import type { MemberRef } from "./demo-members";
import type { TeamKey } from "./demo-reference";
import type { SeedContext, StaffRef } from "./demo-setup";
import type { Author, ScriptStep, ThreadScript } from "./demo-thread-script";
import { DAY, MINUTE, uuidv7At } from "./seed-random";

export type ThreadRows = {
  threads: Prisma.ThreadCreateManyInput[];
  messages: Prisma.MessageCreateManyInput[];
  tickets: Prisma.TicketCreateManyInput[];
  ticketEvents: Prisma.TicketEventCreateManyInput[];
};

/** The script's steps plus the assignment, which the builder places itself. */
type Step = ScriptStep | { at: number; action: "assign" };

/** The ticket columns the replay sets (a subset of Prisma.TicketCreateManyInput). */
type TicketRow = {
  id: string;
  threadId: string;
  queueId: string;
  teamId: string | null;
  status: TicketStatus;
  priority: TicketPriority;
  assigneeId: string | null;
  caseType: string | null;
  waitingSince: Date | null;
  lastActivityAt: Date;
  firstResponseAt: Date | null;
  solvedAt: Date | null;
  closedAt: Date | null;
  followUpOfId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

type TicketState = { row: TicketRow; touched: boolean };

export function buildThreads(ctx: SeedContext, members: Map<string, MemberRef>, scripts: ThreadScript[]): ThreadRows {
  const out: ThreadRows = { threads: [], messages: [], tickets: [], ticketEvents: [] };
  let messageCounter = 0;
  for (const script of scripts) {
    messageCounter = buildThread(ctx, members, script, out, messageCounter);
  }
  return out;
}

function buildThread(
  ctx: SeedContext,
  members: Map<string, MemberRef>,
  script: ThreadScript,
  out: ThreadRows,
  messageCounter: number,
): number {
  const fail = (why: string): never => {
    throw new Error(`demo seed, thread "${script.subject}": ${why}`);
  };
  const member = members.get(script.member) ?? fail(`unknown member ${script.member}`);
  if (script.channel && !member.serviceTeams.includes(script.channel)) fail(`member is not served by ${script.channel}`);
  const teamKey: TeamKey | null = script.channel ?? member.team;
  const teamId = teamKey ? ctx.teamIds[teamKey] : null;
  const queueId = teamKey ? ctx.queueIds[teamKey] : ctx.triageQueueId;

  let assignee: StaffRef | undefined;
  const staffOf = (author: Author): StaffRef => {
    if (!teamKey) return fail("triage threads have no staff steps in the demo");
    const inTeam = [...ctx.staffByEmail.values()].filter((s) => s.teams.includes(teamKey));
    const byRole = (role: StaffRef["role"]) => inTeam.find((s) => s.role === role);
    let staff: StaffRef | undefined;
    if (author === "guide") staff = assignee?.role === "CARE_GUIDE" ? assignee : byRole("CARE_GUIDE");
    else if (author === "nurse") staff = byRole("NURSE");
    else if (author === "doctor") staff = byRole("PHYSICIAN");
    else staff = ctx.staffByEmail.get(author);
    if (!staff || !staff.teams.includes(teamKey)) return fail(`${author} is not staff of ${teamKey}`);
    return staff;
  };
  if (script.assignee) assignee = staffOf(script.assignee);
  const first = script.steps[0];
  if (!first || !("from" in first) || first.from !== "member" || first.at !== 0) {
    fail("the first step must be the member's message at 0");
  }

  const start = Math.floor((ctx.now.getTime() - script.startedDaysAgo * DAY) / 1000) * 1000;
  const timeAt = (at: number) => {
    const t = new Date(start + at * MINUTE);
    if (t.getTime() > ctx.now.getTime() - MINUTE) fail(`step at ${at} min lies in the future`);
    return t;
  };
  const threadId = uuidv7At(new Date(start));

  const tickets: TicketState[] = [];
  let current: TicketState | undefined;
  const event = (type: TicketEventType, at: Date, actorId: string | null, fromValue: string | null, toValue: string | null) => {
    if (!current) return fail("event without a ticket");
    out.ticketEvents.push({ id: uuidv7At(at), ticketId: current.row.id, actorId, type, fromValue, toValue, createdAt: at });
    bump(at);
  };
  /** Last activity (and the row's updatedAt) only ever move forward. */
  const bump = (at: Date) => {
    if (!current || at <= current.row.lastActivityAt) return;
    current.row.lastActivityAt = at;
    current.row.updatedAt = at;
  };
  const setStatus = (to: TicketStatus, at: Date, actorId: string | null) => {
    if (!current || current.row.status === to) return;
    event(TicketEventType.STATUS_CHANGED, at, actorId, current.row.status, to);
    current.row.status = to;
    if (to === TicketStatus.SOLVED) current.row.solvedAt = at;
    if (to === TicketStatus.CLOSED) current.row.closedAt = at;
    if (to !== TicketStatus.NEW && to !== TicketStatus.OPEN) current.row.waitingSince = null;
  };
  // The assignee picks the ticket up (and classifies it) shortly before their first step.
  const firstStaffStep = script.steps.find((s) => ("from" in s ? s.from !== "member" : "by" in s));
  const assignAt = firstStaffStep ? firstStaffStep.at - 3 : 12;
  if (assignee && assignAt <= 0) fail("the first staff step comes too early to assign the ticket before it");
  // Classifying comes a second after the pick-up, so the sidebar shows a stable order.
  const touch = (at: Date, actorId: string) => {
    if (!current || current.touched) return;
    current.touched = true;
    current.row.caseType = script.caseType;
    event(TicketEventType.CASE_TYPE_CHANGED, new Date(at.getTime() + 1000), actorId, null, script.caseType);
  };

  let previousAt = -1;
  let lastMessage: { at: Date; visibility: MessageVisibility } | undefined;
  let lastMemberMessageAt: Date | null = null;
  const steps: Step[] = [...script.steps];
  if (assignee) {
    const index = steps.findIndex((s) => s.at >= assignAt);
    steps.splice(index === -1 ? steps.length : index, 0, { at: assignAt, action: "assign" });
  }

  for (const step of steps) {
    if (step.at < previousAt) fail(`steps out of order at ${step.at}`);
    previousAt = step.at;
    const at = timeAt(step.at);

    if ("action" in step) {
      if (!current) return fail("action before the first message");
      if (step.action === "assign") {
        if (!assignee) return fail("assignment without an assignee");
        event(TicketEventType.ASSIGNED, at, assignee.id, current.row.assigneeId, assignee.id);
        current.row.assigneeId = assignee.id;
        touch(at, assignee.id);
      } else if (step.action === "solve") {
        setStatus(TicketStatus.SOLVED, at, staffOf(step.by).id);
      } else if (step.action === "hold") {
        setStatus(TicketStatus.ON_HOLD, at, staffOf(step.by).id);
      } else if (step.action === "close") {
        if (current.row.status !== TicketStatus.SOLVED) fail("only a SOLVED ticket closes by itself");
        setStatus(TicketStatus.CLOSED, at, null);
      }
      continue;
    }

    const fromMember = step.from === "member";
    const authorId = fromMember ? member.id : staffOf(step.from).id;
    const visibility = step.internal ? MessageVisibility.INTERNAL : MessageVisibility.MEMBER;
    if (fromMember && step.internal) fail("a member cannot write an internal note");
    messageCounter += 1;
    out.messages.push({
      id: uuidv7At(at),
      threadId,
      authorId,
      visibility,
      body: step.body,
      clientMessageId: `seed-${messageCounter}`,
      createdAt: at,
    });
    lastMessage = { at, visibility };

    if (fromMember) {
      lastMemberMessageAt = at;
      if (!current || current.row.status === TicketStatus.CLOSED) {
        const previous = current;
        current = {
          row: {
            id: uuidv7At(at),
            threadId,
            queueId,
            teamId,
            status: TicketStatus.NEW,
            priority: previous ? TicketPriority.NORMAL : (script.priority ?? TicketPriority.NORMAL),
            assigneeId: null,
            // A follow-up keeps the matter's case type.
            caseType: previous?.row.caseType ?? null,
            waitingSince: null,
            lastActivityAt: at,
            firstResponseAt: null,
            solvedAt: null,
            closedAt: null,
            followUpOfId: previous?.row.id ?? null,
            createdAt: at,
            updatedAt: at,
          },
          touched: Boolean(previous),
        };
        tickets.push(current);
        event(TicketEventType.CREATED, at, member.id, null, TicketStatus.NEW);
        if (previous) event(TicketEventType.FOLLOW_UP_OPENED, at, member.id, previous.row.id, current.row.id);
      } else if (current.row.status === TicketStatus.PENDING || current.row.status === TicketStatus.SOLVED) {
        setStatus(TicketStatus.OPEN, at, member.id);
      }
      current.row.waitingSince ??= at;
      bump(at);
      continue;
    }

    if (!current) return fail("staff wrote before the member");
    bump(at);
    touch(at, authorId);
    if (visibility === MessageVisibility.INTERNAL) continue; // notes never change the state
    current.row.firstResponseAt ??= at;
    current.row.waitingSince = null;
    const status = current.row.status;
    if (status === TicketStatus.NEW || status === TicketStatus.OPEN) {
      setStatus(step.keepOpen ? TicketStatus.OPEN : TicketStatus.PENDING, at, authorId);
    }
  }

  if (!lastMessage || !current) return fail("no messages");
  // Internal notes never move a thread in the member's list, so scripts end on a visible message.
  if (lastMessage.visibility !== MessageVisibility.MEMBER) fail("the last message is an internal note");
  const open = tickets.filter((t) => t.row.status !== TicketStatus.CLOSED);
  if (open.length > 1) fail("more than one ticket that is not CLOSED");
  for (const t of tickets) {
    const waits = t.row.status === TicketStatus.NEW || t.row.status === TicketStatus.OPEN;
    if (!waits) t.row.waitingSince = null;
    out.tickets.push(t.row);
  }
  const firstMessageAt = new Date(start);
  out.threads.push({
    id: threadId,
    memberId: member.id,
    teamId,
    subject: script.subject,
    lastMessageAt: lastMessage.at,
    lastMemberMessageAt,
    createdAt: firstMessageAt,
  });
  return messageCounter;
}
