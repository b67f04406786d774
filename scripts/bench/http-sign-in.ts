/**
 * Signs a user in over HTTP exactly as the browser's sign-in form does with next-auth 4's
 * credentials provider: GET /api/auth/csrf (a token plus its double-submit cookie), then
 * POST /api/auth/callback/credentials with the token, email and password. Answers the
 * `Cookie` header value that carries the session (the session cookie alone), for later
 * requests to any instance that shares the AUTH_SECRET.
 *
 * Fails loudly (with the HTTP status, never the password) when no session cookie came back:
 * wrong password, a locked account, two-step sign-in required, a rate limit.
 */
import type http from "node:http";
import { httpRequest, setCookies } from "./http-client";

export type SignInTarget = { agent: http.Agent; port: number; /** The app's public origin (AUTH_URL). */ origin: string };

/** The session cookie's name: plain http → concierge.session (lib/auth/session-cookie.ts). */
export const SESSION_COOKIE = "concierge.session";

export async function signInOverHttp(target: SignInTarget, email: string, password: string): Promise<string> {
  const csrf = await httpRequest(target.agent, target.port, { path: "/api/auth/csrf" });
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = JSON.parse(csrf.body.toString("utf8")) as { csrfToken?: string };
  if (!csrfToken) throw new Error("GET /api/auth/csrf gave no csrfToken");
  const csrfCookie = [...setCookies(csrf)].map(([k, v]) => `${k}=${v}`).join("; ");

  const form = new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${target.origin}/` }).toString();
  const answer = await httpRequest(target.agent, target.port, {
    method: "POST",
    path: "/api/auth/callback/credentials",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, origin: target.origin },
    body: form,
  });
  const session = setCookies(answer).get(SESSION_COOKIE);
  if (!session) {
    throw new Error(`sign-in of a bench user failed: POST /api/auth/callback/credentials answered ${answer.status} without a session cookie`);
  }
  return `${SESSION_COOKIE}=${session}`;
}

/** Signs many users in, `concurrency` at a time (argon2 verification is the slow part). */
export async function signInMany(
  targets: SignInTarget[],
  users: { email: string; password: string }[],
  concurrency = 4,
): Promise<string[]> {
  const cookies: string[] = new Array(users.length);
  let next = 0;
  const worker = async () => {
    while (next < users.length) {
      const i = next++;
      const user = users[i]!;
      cookies[i] = await signInOverHttp(targets[i % targets.length]!, user.email, user.password);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, users.length) }, worker));
  return cookies;
}
