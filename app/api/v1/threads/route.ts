import { apiRoute } from "@/lib/http/api-route";
import { admitSend } from "@/lib/domain/messages/admit-send";
import { queryParams } from "@/lib/http/query";
import { readJsonBody } from "@/lib/http/read-json";
import { createThread } from "@/lib/domain/threads/create-thread";
import { listThreads } from "@/lib/domain/threads/list-threads";
import { createThreadSchema, listThreadsSchema } from "@/lib/domain/threads/schemas";

export const GET = apiRoute(async (request, actor) => {
  const input = listThreadsSchema.parse(queryParams(request));
  return Response.json(await listThreads(actor, input));
});

/** 201 with the new thread and its first message; a replayed clientMessageId → 200 with the originals. */
export const POST = apiRoute(async (request, actor) => {
  await admitSend(actor);
  const input = createThreadSchema.parse(await readJsonBody(request));
  const { thread, message, created } = await createThread(actor, input);
  return Response.json(
    { thread, message },
    { status: created ? 201 : 200, headers: { location: `/api/v1/threads/${thread.id}` } },
  );
});
