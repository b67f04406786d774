import { apiRoute } from "@/lib/http/api-route";
import { readJsonBody } from "@/lib/http/read-json";
import { announceTypingSchema } from "@/lib/domain/realtime/schemas";
import { announceTyping } from "@/lib/domain/realtime/announce-typing";
import { getRelay } from "@/lib/realtime/relay";
import { admitTyping } from "@/lib/realtime/typing-throttle";

// POST /api/v1/threads/{id}/typing — staff writing a REPLY: body {"visibility": "member"};
// "internal" (a note) is refused with 422, and so is a body without it. 202 whether or not
// this call was throttled; the event is ephemeral (docs/realtime.md).
export const POST = apiRoute<{ id: string }>(async (request, actor, { id }) => {
  const input = announceTypingSchema.parse(await readJsonBody(request));
  const event = await announceTyping(actor, id, input);
  if (admitTyping(actor.userId, event.threadId!)) await getRelay().publishEphemeral(event);
  return new Response(null, { status: 202 });
});
