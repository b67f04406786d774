/**
 * Member accounts and profiles: demographics, address, phone (555-01xx, reserved for
 * fiction), plan, concierge team, serving teams and health tags.
 */
import { Role, type Prisma } from "../../lib/db/generated/client";
import { rosterMembers } from "./demo-member-roster";
import { memberEmail, namedMembers, type ConciergeTeamKey, type DemoMemberSpec } from "./demo-people";
import { demoPlans, randomTagPool, type TeamKey } from "./demo-reference";
import { teamStaff, type DemoUserRow, type SeedContext } from "./demo-setup";
import { DAY, uuidv7At } from "./seed-random";

type City = { city: string; region: string; postalCode: string; areaCode: string };

// Sunrise serves the East Coast, Harbor the Midwest and South (see their time zones).
const cities: Record<ConciergeTeamKey, City[]> = {
  sunrise: [
    { city: "Boston", region: "MA", postalCode: "02118", areaCode: "617" },
    { city: "Cambridge", region: "MA", postalCode: "02139", areaCode: "617" },
    { city: "Providence", region: "RI", postalCode: "02906", areaCode: "401" },
    { city: "Hartford", region: "CT", postalCode: "06106", areaCode: "860" },
    { city: "Brooklyn", region: "NY", postalCode: "11215", areaCode: "718" },
    { city: "Albany", region: "NY", postalCode: "12203", areaCode: "518" },
    { city: "Newark", region: "NJ", postalCode: "07102", areaCode: "973" },
    { city: "Philadelphia", region: "PA", postalCode: "19103", areaCode: "215" },
    { city: "Pittsburgh", region: "PA", postalCode: "15213", areaCode: "412" },
    { city: "Baltimore", region: "MD", postalCode: "21218", areaCode: "410" },
  ],
  harbor: [
    { city: "Chicago", region: "IL", postalCode: "60614", areaCode: "312" },
    { city: "Evanston", region: "IL", postalCode: "60201", areaCode: "847" },
    { city: "Milwaukee", region: "WI", postalCode: "53202", areaCode: "414" },
    { city: "Madison", region: "WI", postalCode: "53703", areaCode: "608" },
    { city: "Minneapolis", region: "MN", postalCode: "55408", areaCode: "612" },
    { city: "St. Louis", region: "MO", postalCode: "63110", areaCode: "314" },
    { city: "Kansas City", region: "MO", postalCode: "64111", areaCode: "816" },
    { city: "Omaha", region: "NE", postalCode: "68102", areaCode: "402" },
    { city: "Houston", region: "TX", postalCode: "77006", areaCode: "713" },
    { city: "Austin", region: "TX", postalCode: "78704", areaCode: "512" },
  ],
};

const streets = [
  "Maple Avenue", "Oak Street", "Cedar Lane", "Elm Street", "Washington Street", "Lincoln Avenue",
  "Park Place", "Riverside Drive", "Highland Avenue", "Chestnut Street", "Willow Way", "Lakeview Terrace",
  "Franklin Street", "Spring Street", "Church Street", "Pleasant Street",
];

/** Ages are drawn against a fixed date so that dates of birth are the same on every machine. */
const AGE_REFERENCE_YEAR = 2026;

export type MemberRef = { id: string; email: string; name: string; team: ConciergeTeamKey | null; serviceTeams: TeamKey[] };

export type MemberRows = {
  users: DemoUserRow[];
  profiles: Prisma.MemberProfileCreateManyInput[];
  serviceTeams: Prisma.MemberServiceTeamCreateManyInput[];
  memberTags: Prisma.MemberHealthTagCreateManyInput[];
  byEmail: Map<string, MemberRef>;
};

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function buildMembers(ctx: SeedContext): MemberRows {
  const { random, now } = ctx;
  const out: MemberRows = { users: [], profiles: [], serviceTeams: [], memberTags: [], byEmail: new Map() };
  const specs: DemoMemberSpec[] = [...namedMembers, ...rosterMembers];

  specs.forEach((spec, index) => {
    const email = memberEmail(spec);
    if (out.byEmail.has(email)) throw new Error(`demo seed: duplicate member email ${email}`);
    // Members joined 45–700 days ago: before any of their demo conversations.
    const joinedAt = new Date(now.getTime() - random.int(45, 700) * DAY - random.int(0, 86_399) * 1000);
    const id = uuidv7At(joinedAt);
    const serviceTeams = spec.serviceTeams ?? [];
    out.byEmail.set(email, { id, email, name: spec.name, team: spec.team, serviceTeams });
    out.users.push({ id, email, name: spec.name, role: Role.MEMBER, createdAt: joinedAt, updatedAt: joinedAt });

    const region = spec.team ?? random.pick<ConciergeTeamKey>(["sunrise", "harbor"]);
    const cityList = cities[region];
    const city = spec.city !== undefined ? cityList[spec.city % cityList.length] : random.pick(cityList);
    if (!city) throw new Error("demo seed: no city");
    const planKey = spec.plan ?? random.pick(demoPlans).key;
    const plan = ctx.plans.get(planKey);
    if (!plan) throw new Error(`demo seed: unknown plan ${planKey}`);

    const dateOfBirth = spec.dateOfBirth ?? randomDateOfBirth(ctx);
    out.profiles.push({
      userId: id,
      memberNumber: `CNC-${100001 + index}`,
      dateOfBirth: new Date(`${dateOfBirth}T00:00:00Z`),
      sex: spec.sex,
      // 555-0100…555-0199 is reserved for fiction; the index keeps numbers unique.
      phone: `(${city.areaCode}) 555-01${pad(index % 100)}`,
      addressLine1: `${random.int(12, 1980)} ${random.pick(streets)}`,
      addressLine2: random.chance(0.3) ? `Apt ${random.int(1, 24)}${random.pick(["A", "B", "C", "D"])}` : null,
      city: city.city,
      region: city.region,
      postalCode: city.postalCode,
      planId: plan.id,
      // Always below the deductible: nobody has met it in the demo.
      deductibleUsedCents: Math.floor(random.next() * 0.85 * plan.deductibleCents),
      teamId: spec.team ? ctx.teamIds[spec.team] : null,
      createdAt: joinedAt,
      updatedAt: joinedAt,
    });

    for (const teamKey of serviceTeams) {
      out.serviceTeams.push({ memberId: id, teamId: ctx.teamIds[teamKey], createdAt: joinedAt });
    }

    const nurse = spec.team ? teamStaff(ctx, spec.team, "NURSE")[0] : undefined;
    const age = AGE_REFERENCE_YEAR - Number(dateOfBirth.slice(0, 4));
    const fitting = randomTagPool.filter((t) => age >= t.minAge).map((t) => t.code);
    const tags = spec.tags ?? random.sample(fitting, random.pick([0, 0, 1, 1, 1, 2, 2, 3]));
    for (const code of tags) {
      const tagId = ctx.tagIds.get(code);
      if (!tagId) throw new Error(`demo seed: unknown health tag ${code}`);
      const since = Math.max(joinedAt.getTime(), now.getTime() - 60 * DAY);
      const addedAt = new Date(since + random.next() * (now.getTime() - DAY - since));
      out.memberTags.push({ memberId: id, tagId, addedById: nurse?.id ?? null, createdAt: addedAt });
    }
  });
  return out;
}

function randomDateOfBirth(ctx: SeedContext): string {
  // 20–88 against mid-2026 gives ages of 19–88 today.
  const age = ctx.random.int(20, 88);
  return `${AGE_REFERENCE_YEAR - age}-${pad(ctx.random.int(1, 12))}-${pad(ctx.random.int(1, 28))}`;
}
