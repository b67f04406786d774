/**
 * Minimum necessary, checked on the answers themselves: everything administration returns
 * — serialized as the API sends it — holds no health tag, no message body and no subject a
 * member wrote, even for members who have all three.
 */
import { describe, expect, it } from "vitest";
import { actorFor } from "../../../test/actors";
import { getDb } from "../../db/client";
import { listAdminTeams } from "../teams/list-admin-teams";
import { getAdminTeam } from "../teams/get-admin-team";
import { listTeams } from "../teams/list-teams";
import { createMember, createStaff, createTeam, createTicket } from "../tickets/test-fixtures";
import { assignMemberTeam } from "./assign-member-team";
import { createApiClient } from "./create-api-client";
import { deactivateUser } from "./deactivate-user";
import { getPerson } from "./get-person";
import { listApiClients } from "./list-api-clients";
import { listPeople } from "./list-people";

async function secretsOf(memberEmails: string[]) {
  const db = await getDb();
  const members = await db.user.findMany({ where: { email: { in: memberEmails } }, select: { id: true } });
  const memberIds = members.map((m) => m.id);
  const [tags, messages, threads] = await Promise.all([
    db.healthTag.findMany({ select: { label: true } }),
    db.message.findMany({ where: { thread: { memberId: { in: memberIds } } }, select: { body: true } }),
    db.thread.findMany({ where: { memberId: { in: memberIds }, subject: { not: null } }, select: { subject: true } }),
  ]);
  expect(tags.length).toBeGreaterThan(5);
  expect(messages.length).toBeGreaterThan(3);
  return {
    memberIds,
    // Bodies are long; a distinctive slice of each is enough to recognise it.
    // Empty and very short texts (a photo sent without words) would match anything.
    texts: [...tags.map((t) => t.label), ...messages.map((m) => m.body.slice(0, 40)), ...threads.map((t) => t.subject!)].filter((t) => t.trim().length >= 6),
  };
}

function expectFree(answer: unknown, texts: string[]) {
  const json = JSON.stringify(answer).toLowerCase();
  for (const text of texts) expect(json, text).not.toContain(text.toLowerCase());
}

describe("administration answers", () => {
  it("carry no health tags, message bodies or member-written subjects", async () => {
    const admin = await actorFor("admin@demo.test");
    const { memberIds, texts } = await secretsOf(["member@demo.test", "member2@demo.test", "member3@demo.test"]);
    const db = await getDb();
    const sunrise = await db.team.findUniqueOrThrow({ where: { name: "Sunrise" }, select: { id: true } });

    // A member of one's own, with a conversation and health tags, moved and deactivated.
    const [from, to] = [await createTeam(), await createTeam()];
    const member = await createMember(from.teamId);
    const tag = await db.healthTag.findFirstOrThrow();
    await db.memberHealthTag.create({ data: { memberId: member.id, tagId: tag.id } });
    const body = "Private question about my medication dose";
    await createTicket({ ...from, memberId: member.id, subject: "Private subject line", messages: [{ authorId: member.id, body }] });
    await createStaff("NURSE", [from.teamId]);

    const answers: unknown[] = [
      await listPeople(admin, { type: "member", limit: 100 }),
      await listPeople(admin, { q: "demo.test", limit: 100 }),
      ...(await Promise.all(memberIds.map((id) => getPerson(admin, id)))),
      await getPerson(admin, member.id),
      await listAdminTeams(admin, { archived: "true" }),
      await getAdminTeam(admin, sunrise.id),
      await getAdminTeam(admin, from.teamId),
      await listTeams(admin),
      await assignMemberTeam(admin, member.id, { teamId: to.teamId }),
      await deactivateUser(admin, member.id),
      await createApiClient(admin, { name: "Checker", role: "NURSE", teamIds: [to.teamId] }).then(({ client }) => client),
      await listApiClients(admin),
    ];
    for (const answer of answers) expectFree(answer, [...texts, tag.label, body, "Private subject line"]);
  });
});
