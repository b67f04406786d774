/**
 * Rows for teams, queues, staff, SLA policies, plans and health tags, plus the lookup
 * tables (ids by key) that the member and thread builders need.
 */
import { QueueKind, Role, type Prisma, type TicketPriority } from "../../lib/db/generated/client";
import { demoStaff, type DemoStaff } from "./demo-people";
import { demoHealthTags, demoPlans, demoTeams, PLAN_YEAR, TRIAGE_QUEUE_NAME, type TeamKey } from "./demo-reference";
import { DAY, uuidv7At, type Random } from "./seed-random";

/** A user row before its password hash is known (hashing runs in parallel, later). */
export type DemoUserRow = Omit<Prisma.UserCreateManyInput, "passwordHash"> & { id: string };

export type StaffRef = { id: string; email: string; name: string; role: Role; teams: TeamKey[] };

export type SeedContext = {
  now: Date;
  random: Random;
  teamIds: Record<TeamKey, string>;
  queueIds: Record<TeamKey, string>;
  triageQueueId: string;
  plans: Map<string, { id: string; deductibleCents: number }>;
  tagIds: Map<string, string>;
  staffByEmail: Map<string, StaffRef>;
};

export type ReferenceRows = {
  users: DemoUserRow[];
  teams: Prisma.TeamCreateManyInput[];
  queues: Prisma.QueueCreateManyInput[];
  memberships: Prisma.TeamMembershipCreateManyInput[];
  slaPolicies: Prisma.SlaPolicyCreateManyInput[];
  plans: Prisma.PlanCreateManyInput[];
  healthTags: Prisma.HealthTagCreateManyInput[];
};

export function buildReferenceRows(now: Date, random: Random): { rows: ReferenceRows; ctx: SeedContext } {
  const foundedAt = new Date(now.getTime() - 420 * DAY);
  const teamIds = {} as Record<TeamKey, string>;
  const queueIds = {} as Record<TeamKey, string>;
  const rows: ReferenceRows = { users: [], teams: [], queues: [], memberships: [], slaPolicies: [], plans: [], healthTags: [] };

  for (const team of demoTeams) {
    const id = uuidv7At(foundedAt);
    teamIds[team.key] = id;
    rows.teams.push({
      id,
      name: team.name,
      kind: team.kind,
      timeZone: team.timeZone,
      hours: team.hours,
      createdAt: foundedAt,
      updatedAt: foundedAt,
    });
    // Every team owns exactly one queue, named after it.
    queueIds[team.key] = uuidv7At(foundedAt);
    rows.queues.push({ id: queueIds[team.key], name: team.name, kind: QueueKind.TEAM, teamId: id, createdAt: foundedAt });
    for (const [priority, target] of Object.entries(team.sla) as [TicketPriority, { first: number; next: number }][]) {
      rows.slaPolicies.push({
        id: uuidv7At(foundedAt),
        teamId: id,
        priority,
        firstResponseMinutes: target.first,
        nextResponseMinutes: target.next,
      });
    }
  }
  // The one triage queue: no team, for members who have no concierge team yet.
  const triageQueueId = uuidv7At(foundedAt);
  rows.queues.push({ id: triageQueueId, name: TRIAGE_QUEUE_NAME, kind: QueueKind.TRIAGE, teamId: null, createdAt: foundedAt });

  const staffByEmail = new Map<string, StaffRef>();
  demoStaff.forEach((staff: DemoStaff) => {
    const joinedAt = new Date(foundedAt.getTime() + random.int(0, 60) * DAY);
    const id = uuidv7At(joinedAt);
    staffByEmail.set(staff.email, { id, email: staff.email, name: staff.name, role: staff.role, teams: staff.teams });
    rows.users.push({ id, email: staff.email, name: staff.name, role: staff.role, createdAt: joinedAt, updatedAt: joinedAt });
    for (const key of staff.teams) {
      rows.memberships.push({ teamId: teamIds[key], userId: id, createdAt: joinedAt });
    }
  });

  const plans = new Map<string, { id: string; deductibleCents: number }>();
  for (const plan of demoPlans) {
    const id = uuidv7At(foundedAt);
    plans.set(plan.key, { id, deductibleCents: plan.deductibleCents });
    rows.plans.push({
      id,
      name: plan.name,
      metalLevel: plan.metalLevel,
      deductibleCents: plan.deductibleCents,
      outOfPocketMaxCents: plan.outOfPocketMaxCents,
      planYear: PLAN_YEAR,
      createdAt: foundedAt,
    });
  }

  const tagIds = new Map<string, string>();
  for (const tag of demoHealthTags) {
    const id = uuidv7At(foundedAt);
    tagIds.set(tag.code, id);
    rows.healthTags.push({ id, code: tag.code, label: tag.label, category: tag.category, createdAt: foundedAt });
  }

  return { rows, ctx: { now, random, teamIds, queueIds, triageQueueId, plans, tagIds, staffByEmail } };
}

/** Staff of a team with a given role, in the order of demo-people.ts. */
export function teamStaff(ctx: SeedContext, team: TeamKey, role?: Role): StaffRef[] {
  return [...ctx.staffByEmail.values()].filter((s) => s.teams.includes(team) && (!role || s.role === role));
}
