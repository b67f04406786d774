import { getEnv } from "../env";

/**
 * Secure cookies whenever the public address is https, and always in production outside
 * demo mode (where AUTH_URL is required): a production session cookie never travels over
 * plain http.
 */
export function useSecureCookies(): boolean {
  const env = getEnv();
  if (env.AUTH_URL) return env.AUTH_URL.startsWith("https://");
  return env.NODE_ENV === "production" && !env.DEMO_MODE;
}

export function sessionCookieName(): string {
  return useSecureCookies() ? "__Secure-concierge.session" : "concierge.session";
}
