/**
 * Demo reference data: teams with their working hours and SLA targets, health plans and
 * health tags. Names are fictional.
 */
import { MetalLevel, TeamKind, TicketPriority } from "../../lib/db/generated/client";

/** Working hours per weekday, ISO numbering (1 = Monday … 7 = Sunday), local to the team. */
export type WorkingHours = { day: number; start: string; end: string }[];

const weekdays = (start: string, end: string): WorkingHours =>
  [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));

export type TeamKey = "sunrise" | "harbor" | "vpc" | "riverside";

export type DemoTeam = {
  key: TeamKey;
  name: string;
  kind: TeamKind;
  timeZone: string;
  hours: WorkingHours;
  /** First and next response targets per priority, in minutes. */
  sla: Record<TicketPriority, { first: number; next: number }>;
};

const standardSla: DemoTeam["sla"] = {
  URGENT: { first: 30, next: 60 },
  HIGH: { first: 60, next: 120 },
  NORMAL: { first: 240, next: 480 },
  LOW: { first: 1440, next: 2880 },
};

export const demoTeams: DemoTeam[] = [
  {
    key: "sunrise",
    name: "Sunrise",
    kind: TeamKind.CONCIERGE,
    timeZone: "America/New_York",
    hours: weekdays("08:00", "18:00"),
    sla: standardSla,
  },
  {
    key: "harbor",
    name: "Harbor",
    kind: TeamKind.CONCIERGE,
    timeZone: "America/Chicago",
    hours: [...weekdays("08:00", "17:00"), { day: 6, start: "09:00", end: "13:00" }],
    sla: standardSla,
  },
  {
    key: "vpc",
    name: "Virtual Primary Care",
    kind: TeamKind.VIRTUAL_PRIMARY_CARE,
    timeZone: "America/New_York",
    hours: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: "07:00", end: "21:00" })),
    sla: {
      URGENT: { first: 30, next: 60 },
      HIGH: { first: 60, next: 120 },
      NORMAL: { first: 480, next: 720 },
      LOW: { first: 1440, next: 2880 },
    },
  },
  {
    key: "riverside",
    name: "Riverside Health Center",
    kind: TeamKind.HEALTH_CENTER,
    timeZone: "America/New_York",
    hours: weekdays("08:00", "17:00"),
    sla: {
      URGENT: { first: 60, next: 120 },
      HIGH: { first: 120, next: 240 },
      NORMAL: { first: 480, next: 960 },
      LOW: { first: 2880, next: 4320 },
    },
  },
];

export const TRIAGE_QUEUE_NAME = "Triage";

export type DemoPlan = {
  key: string;
  name: string;
  metalLevel: MetalLevel;
  deductibleCents: number;
  outOfPocketMaxCents: number;
};

export const PLAN_YEAR = 2026;

export const demoPlans: DemoPlan[] = [
  { key: "bronze", name: "Evergreen Bronze 7000", metalLevel: MetalLevel.BRONZE, deductibleCents: 700_000, outOfPocketMaxCents: 920_000 },
  { key: "silver", name: "Evergreen Silver 4500", metalLevel: MetalLevel.SILVER, deductibleCents: 450_000, outOfPocketMaxCents: 850_000 },
  { key: "silver-hsa", name: "Evergreen Silver HSA 3400", metalLevel: MetalLevel.SILVER, deductibleCents: 340_000, outOfPocketMaxCents: 700_000 },
  { key: "gold", name: "Evergreen Gold 1500", metalLevel: MetalLevel.GOLD, deductibleCents: 150_000, outOfPocketMaxCents: 600_000 },
  { key: "gold-plus", name: "Evergreen Gold Plus 750", metalLevel: MetalLevel.GOLD, deductibleCents: 75_000, outOfPocketMaxCents: 450_000 },
  { key: "platinum", name: "Evergreen Platinum 250", metalLevel: MetalLevel.PLATINUM, deductibleCents: 25_000, outOfPocketMaxCents: 300_000 },
];

export type DemoHealthTag = { code: string; label: string; category: string };

export const demoHealthTags: DemoHealthTag[] = [
  { code: "type-2-diabetes", label: "Type 2 diabetes", category: "chronic" },
  { code: "hypertension", label: "Hypertension", category: "chronic" },
  { code: "asthma", label: "Asthma", category: "chronic" },
  { code: "copd", label: "COPD", category: "chronic" },
  { code: "high-cholesterol", label: "High cholesterol", category: "chronic" },
  { code: "chronic-kidney-disease", label: "Chronic kidney disease", category: "chronic" },
  { code: "heart-failure", label: "Heart failure", category: "chronic" },
  { code: "pregnancy", label: "Pregnancy", category: "life-event" },
  { code: "new-parent", label: "New parent", category: "life-event" },
  { code: "recent-er-visit", label: "Recent ER visit", category: "utilization" },
  { code: "recent-discharge", label: "Recent hospital discharge", category: "utilization" },
  { code: "behavioral-health", label: "Behavioral health", category: "behavioral" },
  { code: "preventive-care-gap", label: "Overdue preventive screening", category: "care-gap" },
  { code: "mobility-support", label: "Needs mobility or transport support", category: "social" },
  { code: "prefers-spanish", label: "Prefers Spanish", category: "preference" },
  { code: "caregiver", label: "Family caregiver", category: "social" },
];

/**
 * Tags drawn at random for members without fixed ones, with the youngest age each fits
 * (pregnancy, new parent and language preference are only ever given explicitly).
 */
export const randomTagPool: { code: string; minAge: number }[] = [
  { code: "asthma", minAge: 0 },
  { code: "behavioral-health", minAge: 0 },
  { code: "recent-er-visit", minAge: 0 },
  { code: "caregiver", minAge: 25 },
  { code: "hypertension", minAge: 35 },
  { code: "high-cholesterol", minAge: 35 },
  { code: "type-2-diabetes", minAge: 40 },
  { code: "preventive-care-gap", minAge: 45 },
  { code: "chronic-kidney-disease", minAge: 55 },
  { code: "recent-discharge", minAge: 55 },
  { code: "copd", minAge: 60 },
  { code: "heart-failure", minAge: 65 },
  { code: "mobility-support", minAge: 70 },
];
