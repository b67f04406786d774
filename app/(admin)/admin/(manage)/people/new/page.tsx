import type { Metadata } from "next";
import Link from "next/link";
import { requireActor } from "@/lib/auth/require-actor";
import { listAdminTeams } from "@/lib/domain/teams/list-admin-teams";
import { StaffUserForm } from "@/components/admin/staff-user-form";

export const metadata: Metadata = { title: "New staff account · Administration" };

export default async function NewStaffUserPage() {
  const actor = await requireActor(["ADMIN"]);
  const { items } = await listAdminTeams(actor);
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href="/admin/people" className="text-brand-700 hover:underline">
          ← People
        </Link>
      </p>
      <h1 className="text-2xl font-semibold tracking-tight">New staff account</h1>
      <p className="max-w-3xl text-sm text-slate-600">
        For care guides, nurses, physicians, administrators and compliance. Members are not created here: their accounts come with their plan enrollment.
      </p>
      <StaffUserForm teams={items.map(({ id, name, kind }) => ({ id, name, kind }))} />
    </div>
  );
}
