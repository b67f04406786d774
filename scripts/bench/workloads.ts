/**
 * The measured operations: the real domain functions, called with real actors loaded the
 * way sessions load them (unsafeLoadActor, as test/actors.ts does).
 *
 * ⚠ Import this module only after process.env points at the benchmark's database
 * (run.ts does so with a dynamic import): lib/env.ts reads the environment once.
 */
import { unknownOrigin, type Actor } from "../../lib/access/actor";
import { closeDb, getDb } from "../../lib/db/client";
import { unsafeLoadActor } from "../../lib/domain/auth/unsafe-load-actor";
import { listMessages } from "../../lib/domain/messages/list-messages";
import { sendMessage } from "../../lib/domain/messages/send-message";
import { createThread } from "../../lib/domain/threads/create-thread";
import { listQueueTickets } from "../../lib/domain/tickets/list-queue-tickets";
import { run, type Sample } from "./measure";
import type { OpenThread, Targets } from "./targets";

export { closeDb };

export type Plan = {
  warmup: number;
  sends: number;
  creates: number;
  queueCalls: number;
  listCalls: number;
  concurrency: number;
};

/** One operation of each workload; `i` picks the target (and makes idempotency keys unique). */
export type Ops = {
  send(i: number): Promise<void>;
  create(i: number): Promise<void>;
  queue(view: "open" | "mine"): Promise<void>;
  listAsGuide(i: number): Promise<void>;
  listAsMember(i: number): Promise<void>;
};

const origin = { ...unknownOrigin, ip: "127.0.0.1", userAgent: "concierge-bench" };

export async function loadActor(userId: string): Promise<Actor> {
  const actor = await unsafeLoadActor(userId, origin);
  if (!actor) throw new Error("no actor for a benchmark user");
  return actor;
}

const filler = "This is synthetic benchmark text, about as long as a short chat reply. ";

/**
 * Builds the operations and loads every actor they need (members of the target threads,
 * the two lead care guides). `maxOps` bounds the operation numbers that will be used.
 */
export async function buildOps(targets: Targets, maxOps: number, runId: string): Promise<Ops> {
  const { openThreads, sunriseThreads, guideIds } = targets;
  if (openThreads.length < 100 || sunriseThreads.length < 10) throw new Error("not enough benchmark threads loaded");
  await getDb();

  // Send i works on open thread i mod N. In the first pass over the threads members write
  // on even-numbered threads and guides on odd ones, the other way round in the next pass,
  // so both kinds of reply meet every ticket state. Sends to one thread are N ops apart:
  // concurrent workers do not contend for one ticket (contention is not measured here).
  const sendTarget = (i: number): { thread: OpenThread; byMember: boolean } => {
    const n = openThreads.length;
    const thread = openThreads[i % n]!;
    return { thread, byMember: (i % n) % 2 === Math.floor(i / n) % 2 };
  };
  const creatorOf = (i: number) => openThreads[i % openThreads.length]!.memberId;
  const readThread = (i: number) => sunriseThreads[i % sunriseThreads.length]!;

  const userIds = new Set<string>([guideIds.sunrise, guideIds.harbor]);
  for (let i = 0; i < maxOps; i++) {
    const t = sendTarget(i);
    if (t.byMember) userIds.add(t.thread.memberId);
    userIds.add(creatorOf(i));
    userIds.add(readThread(i).memberId);
  }
  const ids = [...userIds];
  const actors = new Map<string, Actor>();
  await run({ name: "load actors", count: ids.length, warmup: 0, concurrency: 8, op: async (i) => void actors.set(ids[i]!, await loadActor(ids[i]!)) });
  if (actors.size !== ids.length) throw new Error("some benchmark actors could not be loaded");
  const actor = (id: string) => actors.get(id)!;
  const guide = { sunrise: actor(guideIds.sunrise), harbor: actor(guideIds.harbor) };

  return {
    async send(i) {
      const { thread, byMember } = sendTarget(i);
      const who = byMember ? actor(thread.memberId) : guide[thread.team];
      const result = await sendMessage(who, thread.threadId, {
        body: `Synthetic benchmark reply ${i}. ${filler}`,
        clientMessageId: `bench-send-${runId}-${i}`,
      });
      if (!result.created) throw new Error("send was answered as a duplicate");
    },
    async create(i) {
      const result = await createThread(actor(creatorOf(i)), {
        subject: `Synthetic benchmark question ${i}`,
        body: `Synthetic benchmark question ${i}. ${filler}`,
        clientMessageId: `bench-thread-${runId}-${i}`,
      });
      if (!result.created) throw new Error("thread was answered as a duplicate");
    },
    async queue(view) {
      const page = await listQueueTickets(guide.sunrise, { view });
      if (page.items.length === 0) throw new Error(`queue view ${view} is empty`);
    },
    async listAsGuide(i) {
      const page = await listMessages(guide.sunrise, readThread(i).threadId);
      if (page.items.length === 0) throw new Error("thread has no messages");
    },
    async listAsMember(i) {
      const t = readThread(i);
      const page = await listMessages(actor(t.memberId), t.threadId);
      if (page.items.length === 0) throw new Error("thread has no messages");
    },
  };
}

export async function runWorkloads(ops: Ops, plan: Plan): Promise<Sample[]> {
  const samples: Sample[] = [];
  const c = plan.concurrency;
  samples.push(await run({ name: "sendMessage (member + guide replies)", count: plan.sends, warmup: plan.warmup, concurrency: c, op: ops.send }));
  samples.push(await run({ name: "createThread (member)", count: plan.creates, warmup: plan.warmup, concurrency: c, op: ops.create }));
  for (const view of ["open", "mine"] as const) {
    samples.push(await run({ name: `listQueueTickets view=${view} (guide)`, count: plan.queueCalls, warmup: plan.warmup, concurrency: 1, op: () => ops.queue(view) }));
  }
  samples.push(await run({ name: "listMessages (guide, any thread)", count: plan.listCalls, warmup: plan.warmup, concurrency: 1, op: ops.listAsGuide }));
  samples.push(await run({ name: "listMessages (member, own thread)", count: plan.listCalls, warmup: plan.warmup, concurrency: 1, op: ops.listAsMember }));
  return samples;
}

/** The ids listQueueTickets builds its page query from, for EXPLAIN. */
export async function queueContext(guideId: string): Promise<{ queueIds: string[]; actorId: string }> {
  const guide = await loadActor(guideId);
  const db = await getDb();
  const queues = await db.queue.findMany({ where: { teamId: { in: [...guide.teamIds] } }, select: { id: true } });
  return { queueIds: queues.map((q) => q.id), actorId: guide.userId };
}
