import { roleLabels, type Role } from "@/lib/access/roles";

/** "Gabriel · Care guide": staff first name and role, as members see them. */
export function authorLabel(author: { name: string; role: string }): string {
  const label = roleLabels[author.role as Role];
  if (!label || author.role === "MEMBER") return author.name;
  const first = author.name.startsWith("Dr. ") ? author.name : author.name.split(" ")[0];
  return `${first} · ${label}`;
}
