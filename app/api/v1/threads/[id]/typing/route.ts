import { apiRoute } from "@/lib/http/api-route";
import { announceTyping } from "@/lib/domain/realtime/announce-typing";
import { getRelay } from "@/lib/realtime/relay";
import { admitTyping } from "@/lib/realtime/typing-throttle";

// POST /api/v1/threads/{id}/typing — staff writing a REPLY (never an internal note: the
// console only calls this in reply mode). No body. 202 whether or not this call was
// throttled; the event is ephemeral (docs/realtime.md).
export const POST = apiRoute<{ id: string }>(async (_request, actor, { id }) => {
  const event = await announceTyping(actor, id);
  if (admitTyping(actor.userId, event.threadId!)) await getRelay().publishEphemeral(event);
  return new Response(null, { status: 202 });
});
