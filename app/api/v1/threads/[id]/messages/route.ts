import { apiRoute } from "@/lib/http/api-route";
import { admitSend } from "@/lib/domain/messages/admit-send";
import { queryParams } from "@/lib/http/query";
import { readJsonBody } from "@/lib/http/read-json";
import { listMessages } from "@/lib/domain/messages/list-messages";
import { sendMessage } from "@/lib/domain/messages/send-message";
import { listMessagesSchema, sendMessageSchema } from "@/lib/domain/messages/schemas";

// Path ids go to the domain as they are: a malformed id is NOT_FOUND there, audited as a
// denied attempt like any id out of scope.

export const GET = apiRoute<{ id: string }>(async (request, actor, { id }) => {
  const input = listMessagesSchema.parse(queryParams(request));
  return Response.json(await listMessages(actor, id, input));
});

/** 201 with the new message; a replayed clientMessageId → 200 with the original, nothing new stored. */
export const POST = apiRoute<{ id: string }>(async (request, actor, { id }) => {
  await admitSend(actor);
  const input = sendMessageSchema.parse(await readJsonBody(request));
  const { message, created } = await sendMessage(actor, id, input);
  return Response.json(message, { status: created ? 201 : 200 });
});
