import type { Role } from "./roles";

/**
 * The acting identity, always built on the server from the session (or API key) and the
 * database — never from client input. Domain functions take it as their first argument.
 */
export type Actor = {
  userId: string;
  role: Role;
  name: string;
  email: string;
  /** Teams the user works in (staff only; empty for members, admins, compliance). */
  teamIds: readonly string[];
  /** Set when the request came from an API client acting as its service user. */
  apiClientId: string | null;
  /** Where the request came from, for the audit log. */
  origin: RequestOrigin;
};

export type RequestOrigin = { ip: string | null; userAgent: string | null };

export const unknownOrigin: RequestOrigin = { ip: null, userAgent: null };
