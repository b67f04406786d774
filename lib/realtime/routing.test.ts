import { describe, expect, it } from "vitest";
import { canReceive, changesScopeOf, type RealtimeScope, type RoutedEvent } from "./routing";

const now = 1_000_000;
const staff = (over: Partial<RealtimeScope> = {}): RealtimeScope => ({
  userId: "g",
  role: "CARE_GUIDE",
  teamIds: new Set(["sunrise"]),
  collaborations: new Set(),
  emergencies: new Map(),
  ...over,
});
const member: RealtimeScope = { userId: "m", role: "MEMBER", teamIds: new Set(), collaborations: new Set(), emergencies: new Map() };
const ev = (type: string, over: Partial<RoutedEvent> = {}): RoutedEvent => ({ seq: 1n, type, teamId: "sunrise", threadId: "t", memberId: null, userId: null, payload: {}, ...over });
const sunriseThread = { teamId: "sunrise", memberId: "m" };
const harborThread = { teamId: "harbor", memberId: "m" };

describe("canReceive — staff", () => {
  it("receives events about threads of their teams, judged by the thread's CURRENT team", () => {
    expect(canReceive(staff(), ev("message.created"), sunriseThread, now)).toBe(true);
    expect(canReceive(staff(), ev("ticket.updated"), sunriseThread, now)).toBe(true);
    // Written while the thread was Sunrise's, delivered after it moved to Harbor: withheld.
    expect(canReceive(staff(), ev("ticket.updated"), harborThread, now)).toBe(false);
    expect(canReceive(staff(), ev("message.created"), undefined, now)).toBe(false);
  });

  it("collaborations and unexpired emergency accesses open a thread; expired ones do not", () => {
    expect(canReceive(staff({ collaborations: new Set(["t"]) }), ev("message.created"), harborThread, now)).toBe(true);
    expect(canReceive(staff({ emergencies: new Map([["t", now + 1]]) }), ev("message.created"), harborThread, now)).toBe(true);
    expect(canReceive(staff({ emergencies: new Map([["t", now]]) }), ev("message.created"), harborThread, now)).toBe(false);
  });

  it("mentions only to the person mentioned; typing never echoed; read never to staff", () => {
    expect(canReceive(staff(), ev("mention.created", { userId: "g" }), sunriseThread, now)).toBe(true);
    expect(canReceive(staff(), ev("mention.created", { userId: "other" }), sunriseThread, now)).toBe(false);
    expect(canReceive(staff(), ev("typing", { seq: null, userId: "g" }), sunriseThread, now)).toBe(false);
    expect(canReceive(staff(), ev("typing", { seq: null, userId: "x" }), sunriseThread, now)).toBe(true);
    expect(canReceive(staff(), ev("read", { memberId: "m" }), sunriseThread, now)).toBe(false);
  });

  it("a file on no thread yet: only its uploader", () => {
    const scanned = (uploaderId: string) => ev("attachment.scanned", { threadId: null, teamId: null, payload: { uploaderId } });
    expect(canReceive(staff(), scanned("g"), undefined, now)).toBe(true);
    expect(canReceive(staff(), scanned("x"), undefined, now)).toBe(false);
  });

  it("admins and compliance receive nothing", () => {
    for (const role of ["ADMIN", "COMPLIANCE"] as const) expect(canReceive(staff({ role }), ev("message.created"), sunriseThread, now)).toBe(false);
  });
});

describe("canReceive — members", () => {
  it("only events routed to them, about their own thread", () => {
    expect(canReceive(member, ev("message.created", { memberId: "m" }), sunriseThread, now)).toBe(true);
    expect(canReceive(member, ev("read", { memberId: "m" }), sunriseThread, now)).toBe(true);
    expect(canReceive(member, ev("message.created", { memberId: "m" }), { teamId: "sunrise", memberId: "other" }, now)).toBe(false);
    expect(canReceive(member, ev("message.created", { memberId: null }), sunriseThread, now)).toBe(false);
  });

  it("never ticket events, mentions or collaborator changes, even if mis-routed", () => {
    for (const type of ["ticket.created", "ticket.updated", "mention.created", "collaborator.removed"]) {
      expect(canReceive(member, ev(type, { memberId: "m", userId: "m" }), sunriseThread, now)).toBe(false);
    }
  });
});

it("mentions, removals and scope.changed change the scope of the person concerned", () => {
  expect(changesScopeOf(ev("collaborator.removed", { userId: "d" }))).toBe("d");
  expect(changesScopeOf(ev("mention.created", { userId: "d" }))).toBe("d");
  expect(changesScopeOf(ev("scope.changed", { userId: "d", teamId: null, threadId: null }))).toBe("d");
  expect(changesScopeOf(ev("message.created"))).toBeNull();
});

it("scope.changed is never delivered to anyone, even its own user with every routing column set", () => {
  const signal = ev("scope.changed", { userId: "g", memberId: "m", payload: { uploaderId: "g" } });
  for (const scope of [staff(), staff({ userId: "m" }), member]) {
    expect(canReceive(scope, signal, sunriseThread, now)).toBe(false);
    expect(canReceive(scope, { ...signal, threadId: null, type: "scope.changed" }, undefined, now)).toBe(false);
  }
});
