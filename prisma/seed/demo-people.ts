/**
 * Demo staff and the three named members. Their emails are a public contract (README,
 * end-to-end tests): change them only together with those.
 */
import { Role, Sex } from "../../lib/db/generated/client";
import type { TeamKey } from "./demo-reference";

export const DEMO_PASSWORD = "demo-password";

/** Its presence means the demo data set is already there. */
export const DEMO_SENTINEL_EMAIL = "admin@demo.test";

export type DemoStaff = {
  email: string;
  name: string;
  role: Role;
  /** Staff of no team (admin, compliance) have an empty list. */
  teams: TeamKey[];
};

export const demoStaff: DemoStaff[] = [
  { email: "guide@demo.test", name: "Gabriel Ortiz", role: Role.CARE_GUIDE, teams: ["sunrise"] },
  { email: "guide.b@demo.test", name: "Bea Lindqvist", role: Role.CARE_GUIDE, teams: ["sunrise"] },
  { email: "nurse@demo.test", name: "Nora Haddad", role: Role.NURSE, teams: ["sunrise"] },
  { email: "guide2@demo.test", name: "Hugo Mensah", role: Role.CARE_GUIDE, teams: ["harbor"] },
  { email: "nurse2@demo.test", name: "Ines Duarte", role: Role.NURSE, teams: ["harbor"] },
  { email: "doctor@demo.test", name: "Dr. Priya Raman", role: Role.PHYSICIAN, teams: ["vpc"] },
  { email: "doctor2@demo.test", name: "Dr. Marcus Bell", role: Role.PHYSICIAN, teams: ["riverside"] },
  { email: DEMO_SENTINEL_EMAIL, name: "Alex Admin", role: Role.ADMIN, teams: [] },
  { email: "compliance@demo.test", name: "Casey Compliance", role: Role.COMPLIANCE, teams: [] },
];

export type ConciergeTeamKey = Extract<TeamKey, "sunrise" | "harbor">;

export type DemoMemberSpec = {
  /** Defaults to member.<first>.<last>@demo.test. */
  email?: string;
  name: string;
  sex: Sex;
  /** The member's concierge team; null puts their new threads in triage. */
  team: ConciergeTeamKey | null;
  /** Other teams serving the member (virtual primary care, health center). */
  serviceTeams?: TeamKey[];
  /** Fixed health tags; when absent, 0–3 are drawn at random. */
  tags?: string[];
  /** YYYY-MM-DD; when absent, drawn for an age of 19–88. */
  dateOfBirth?: string;
  /** Plan key (see demo-reference.ts); when absent, drawn at random. */
  plan?: string;
  /** Index into the team's city list; when absent, drawn at random. */
  city?: number;
};

export const namedMembers: DemoMemberSpec[] = [
  {
    email: "member@demo.test",
    name: "Maya Patel",
    sex: Sex.FEMALE,
    team: "sunrise",
    serviceTeams: ["vpc"],
    tags: ["asthma", "high-cholesterol"],
    dateOfBirth: "1991-04-12",
    plan: "gold",
    city: 0,
  },
  {
    email: "member2@demo.test",
    name: "Samuel Okafor",
    sex: Sex.MALE,
    team: "sunrise",
    tags: ["type-2-diabetes", "hypertension"],
    dateOfBirth: "1968-09-03",
    plan: "silver",
    city: 7,
  },
  {
    email: "member3@demo.test",
    name: "Lena Fischer",
    sex: Sex.FEMALE,
    team: "harbor",
    tags: ["pregnancy"],
    dateOfBirth: "1994-02-21",
    plan: "gold-plus",
    city: 0,
  },
];

/** member.<first>.<last>@demo.test, ASCII only ("Tomás Herrera" → member.tomas.herrera). */
export function memberEmail(spec: DemoMemberSpec): string {
  if (spec.email) return spec.email;
  const ascii = spec.name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase();
  const parts = ascii.split(/\s+/).map((p) => p.replace(/[^a-z]/g, ""));
  const first = parts[0] ?? "";
  const last = parts.slice(1).join("");
  return `member.${first}.${last}@demo.test`;
}
