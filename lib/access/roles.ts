/** Role names and groupings. Kept free of server-only imports so the UI can use them. */
export const roles = ["MEMBER", "CARE_GUIDE", "NURSE", "PHYSICIAN", "ADMIN", "COMPLIANCE"] as const;
export type Role = (typeof roles)[number];

export const staffRoles = ["CARE_GUIDE", "NURSE", "PHYSICIAN"] as const satisfies readonly Role[];

export function isStaffRole(role: Role): boolean {
  return (staffRoles as readonly Role[]).includes(role);
}

export const roleLabels: Record<Role, string> = {
  MEMBER: "Member",
  CARE_GUIDE: "Care guide",
  NURSE: "Nurse",
  PHYSICIAN: "Physician",
  ADMIN: "Administrator",
  COMPLIANCE: "Compliance",
};

/** Where each role lands after signing in. */
export function homePathForRole(role: Role): string {
  if (role === "MEMBER") return "/messages";
  if (isStaffRole(role)) return "/console";
  return "/admin";
}
