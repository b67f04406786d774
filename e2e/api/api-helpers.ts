import { randomUUID } from "node:crypto";
import { expect, type APIResponse, type Page } from "@playwright/test";
import { signInAndLand } from "../helpers";

export type Thread = {
  id: string;
  subject: string | null;
  memberId: string;
  teamId: string | null;
  lastMessageAt: string;
  ticket: { id: string; status: string; assigneeId: string | null } | null;
};
export type Message = { id: string; threadId: string; body: string; visibility: string; clientMessageId: string; author: { id: string; role: string } };
export type Problem = { type: string; title: string; status: number; detail: string; code?: string; errors?: { path: string; message: string }[] };

export const landing = {
  "member@demo.test": "/messages",
  "member2@demo.test": "/messages",
  "guide@demo.test": "/console",
  "guide2@demo.test": "/console",
  "nurse@demo.test": "/console",
  "admin@demo.test": "/admin",
} as const;
export type DemoUser = keyof typeof landing;

/** Signs in, after dropping whoever was signed in before in this browser context. */
export async function signInAs(page: Page, email: DemoUser) {
  await page.goto("about:blank"); // no in-flight response of the old session may re-set its cookie
  await page.context().clearCookies();
  await signInAndLand(page, email, landing[email]);
}

export function newClientMessageId(): string {
  return randomUUID();
}

/** A unique marker, so a test can look for its own text in an answer. */
export function marker(label: string): string {
  return `${label} ${randomUUID().slice(0, 8)}`;
}

/** POST a JSON body with the app's own Origin, as the browser would from our pages. */
export function postJson(page: Page, baseURL: string | undefined, path: string, data: unknown): Promise<APIResponse> {
  return page.request.post(path, { headers: { origin: origin(baseURL) }, data });
}

export function patchJson(page: Page, baseURL: string | undefined, path: string, data: unknown): Promise<APIResponse> {
  return page.request.patch(path, { headers: { origin: origin(baseURL) }, data });
}

export function origin(baseURL: string | undefined): string {
  if (!baseURL) throw new Error("baseURL is not configured");
  return new URL(baseURL).origin;
}

/** As the signed-in member: a new thread with a recognisable subject and first message. */
export async function createThread(page: Page, baseURL: string | undefined) {
  const subject = marker("API subject");
  const body = marker("API first message");
  const res = await postJson(page, baseURL, "/api/v1/threads", { subject, body, clientMessageId: newClientMessageId() });
  expect(res.status(), await res.text()).toBe(201);
  const { thread, message } = (await res.json()) as { thread: Thread; message: Message };
  return { thread, message, subject, body };
}

export async function expectProblem(res: APIResponse, status: number): Promise<Problem> {
  expect(res.status(), await res.text()).toBe(status);
  expect(res.headers()["content-type"]).toContain("application/problem+json");
  const problem = (await res.json()) as Problem;
  expect(problem.status).toBe(status);
  return problem;
}

/** A 404 or 403 that gives nothing away: problem+json, none of the given texts anywhere in it. */
export async function expectNothing(res: APIResponse, status: 403 | 404, secrets: string[]) {
  await expectProblem(res, status);
  const text = await res.text();
  for (const secret of secrets) expect(text).not.toContain(secret);
}
