import { listMessagesSchema } from "../../../domain/messages/schemas";
import { listThreadsSchema } from "../../../domain/threads/schemas";
import { parameterRef } from "../components";
import { queryParameters } from "../from-zod";
import type { Paths } from "../types";
import { errors, json, jsonBody } from "./shared";

export const threadPaths: Paths = {
  "/threads": {
    get: {
      operationId: "listThreads",
      tags: ["threads"],
      summary: "Threads the caller may open, newest activity first",
      parameters: queryParameters(listThreadsSchema),
      responses: { "200": json("A page of threads.", "ThreadList"), ...errors(400, 401, 403, 422) },
    },
    post: {
      operationId: "createThread",
      tags: ["threads"],
      summary: "Start a conversation (members)",
      description:
        "Opens a thread with its first message and a ticket in the owning team's queue. Sending the same `clientMessageId` again " +
        "creates nothing and answers 200 with the original thread and message. Files uploaded with POST /attachments go in `attachmentIds`; " +
        "the body may then be empty.",
      requestBody: jsonBody("CreateThreadRequest"),
      responses: {
        "201": { ...json("Created.", "CreatedThread"), headers: { Location: { description: "The new thread.", schema: { type: "string" } } } },
        "200": json("A replay of an earlier request with the same clientMessageId: the original thread and message.", "CreatedThread"),
        ...errors(400, 401, 403, 404, 413, 422),
      },
    },
  },
  "/threads/{id}": {
    parameters: [parameterRef("Id")],
    get: {
      operationId: "getThread",
      tags: ["threads"],
      summary: "One thread, with its member, team and active ticket",
      responses: { "200": json("The thread.", "ThreadDetail"), ...errors(401, 403, 404) },
    },
  },
  "/threads/{id}/messages": {
    parameters: [parameterRef("Id")],
    get: {
      operationId: "listMessages",
      tags: ["messages"],
      summary: "Messages of a thread, a page at a time from the newest (members never receive internal notes)",
      description:
        "The first page (no cursor) holds the thread's newest `limit` messages. Within a page `items` run oldest to newest. " +
        "`nextCursor` leads to the page of OLDER messages (pass it as `before`, or as `cursor`); it is null on the page that holds the thread's first message. " +
        "Keyset paging on (createdAt, id): a message sent while a client pages back appears on the newest page and never shifts or repeats in older pages. " +
        "Reading the newest page marks the thread read for the reader up to its newest message. " +
        "(Until issue 10 the first page was the OLDEST messages and `cursor` paged forward; a client that follows `nextCursor` still reaches every message exactly once, now newest page first.)",
      parameters: queryParameters(listMessagesSchema),
      responses: { "200": json("A page of messages.", "MessageList"), ...errors(400, 401, 403, 404, 422) },
    },
    post: {
      operationId: "sendMessage",
      tags: ["messages"],
      summary: "Send a message or (staff) an internal note",
      description:
        "Idempotent on `clientMessageId`: a retry answers 200 with the original message and stores nothing new, even when the retries race. " +
        "Files uploaded with POST /attachments go in `attachmentIds` (they follow the message's visibility); the body may then be empty.",
      requestBody: jsonBody("SendMessageRequest"),
      responses: {
        "201": json("Sent.", "Message"),
        "200": json("A replay: the original message.", "Message"),
        ...errors(400, 401, 403, 404, 409, 413, 422),
      },
    },
  },
};
