/**
 * The other demo members: fictional people of varied backgrounds and ages, spread over the
 * two concierge teams; the last three have no team yet (their threads go to triage).
 * Fields left out are drawn from the seeded random generator (see demo-members.ts).
 */
import { Sex } from "../../lib/db/generated/client";
import type { DemoMemberSpec } from "./demo-people";

const { FEMALE: F, MALE: M, UNKNOWN: U } = Sex;

export const rosterMembers: DemoMemberSpec[] = [
  { name: "Aisha Rahman", sex: F, team: "sunrise", dateOfBirth: "1986-03-22", serviceTeams: ["vpc"], city: 1 },
  {
    name: "Carlos Mendoza",
    sex: M,
    team: "harbor",
    dateOfBirth: "1961-08-13",
    tags: ["prefers-spanish", "type-2-diabetes"],
    city: 0,
  },
  { name: "Mei Chen", sex: F, team: "sunrise", dateOfBirth: "1979-09-13", tags: ["preventive-care-gap"] },
  { name: "Darnell Washington", sex: M, team: "harbor", dateOfBirth: "1965-04-25", tags: ["hypertension"], serviceTeams: ["vpc"] },
  { name: "Sofia Rossi", sex: F, team: "sunrise" },
  { name: "Kwame Asante", sex: M, team: "harbor" },
  { name: "Hannah Goldberg", sex: F, team: "sunrise", dateOfBirth: "1984-02-18", tags: ["behavioral-health"] },
  { name: "Tomás Herrera", sex: M, team: "sunrise", serviceTeams: ["riverside"] },
  { name: "Priyanka Iyer", sex: F, team: "harbor", dateOfBirth: "1990-05-18", tags: ["asthma"] },
  { name: "Jamal Carter", sex: M, team: "sunrise", dateOfBirth: "1995-07-28", tags: ["recent-er-visit"] },
  { name: "Yuki Tanaka", sex: F, team: "harbor", dateOfBirth: "1963-09-28" },
  {
    name: "Robert Miller",
    sex: M,
    team: "sunrise",
    dateOfBirth: "1948-11-30",
    tags: ["copd", "mobility-support"],
    serviceTeams: ["vpc"],
  },
  { name: "Fatima Al-Sayed", sex: F, team: "harbor", tags: ["caregiver"] },
  { name: "Liam O'Connor", sex: M, team: "sunrise", dateOfBirth: "1990-05-22", tags: ["recent-er-visit"] },
  { name: "Grace Kim", sex: F, team: "harbor", serviceTeams: ["vpc"] },
  { name: "Mateo García", sex: M, team: "harbor", tags: ["prefers-spanish"] },
  { name: "Olivia Johnson", sex: F, team: "sunrise", serviceTeams: ["riverside"] },
  { name: "Dmitri Volkov", sex: M, team: "harbor", dateOfBirth: "1956-11-26", tags: ["high-cholesterol"] },
  { name: "Amara Nwosu", sex: F, team: "sunrise", dateOfBirth: "1997-07-19", tags: ["pregnancy"] },
  { name: "Ethan Brooks", sex: M, team: "harbor", dateOfBirth: "2007-03-09", tags: [] },
  { name: "Lucía Fernández", sex: F, team: "sunrise", dateOfBirth: "1975-07-01", tags: ["prefers-spanish", "hypertension"] },
  { name: "Hiroshi Watanabe", sex: M, team: "sunrise", dateOfBirth: "1952-01-25", serviceTeams: ["vpc"] },
  { name: "Zainab Bello", sex: F, team: "harbor", dateOfBirth: "1987-01-07" },
  { name: "Noah Schmidt", sex: M, team: "sunrise", dateOfBirth: "1988-06-14" },
  { name: "Isabella Moreno", sex: F, team: "harbor", dateOfBirth: "1993-10-02", tags: ["new-parent"] },
  { name: "Arjun Mehta", sex: M, team: "harbor", dateOfBirth: "1979-03-01", serviceTeams: ["riverside"] },
  { name: "Chloe Dubois", sex: F, team: "sunrise", dateOfBirth: "1972-11-13" },
  { name: "Marcus Thompson", sex: M, team: "harbor", dateOfBirth: "1958-01-15", tags: ["heart-failure"], serviceTeams: ["vpc"] },
  { name: "Leilani Kahale", sex: F, team: "sunrise" },
  { name: "Ahmed Hassan", sex: M, team: "sunrise", dateOfBirth: "1964-12-22", tags: ["chronic-kidney-disease"] },
  { name: "Emily Nguyen", sex: F, team: "harbor" },
  { name: "Rafael Silva", sex: M, team: "harbor" },
  { name: "Ruth Abernathy", sex: F, team: "sunrise", dateOfBirth: "1938-05-14", tags: ["mobility-support", "hypertension"] },
  { name: "Daniel Begay", sex: M, team: "harbor", dateOfBirth: "1971-01-27", tags: ["type-2-diabetes"] },
  { name: "Naomi Levi", sex: F, team: "sunrise", serviceTeams: ["vpc"] },
  { name: "Samir Khoury", sex: M, team: "harbor" },
  { name: "Valentina Cruz", sex: F, team: "sunrise", dateOfBirth: "1988-08-03" },
  { name: "Jordan Avery", sex: U, team: "harbor" },
  // No concierge team yet: these members' threads land in the triage queue.
  { name: "Teresa Lopez", sex: F, team: null, dateOfBirth: "1986-04-12", tags: [] },
  { name: "Kevin Park", sex: M, team: null, dateOfBirth: "1993-02-26" },
  { name: "Ngozi Eze", sex: F, team: null, tags: [] },
];
