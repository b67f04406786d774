import { getEnv } from "../env";

/** Secure cookies whenever the public address is https. */
export function useSecureCookies(): boolean {
  return getEnv().AUTH_URL?.startsWith("https://") ?? false;
}

export function sessionCookieName(): string {
  return useSecureCookies() ? "__Secure-concierge.session" : "concierge.session";
}
