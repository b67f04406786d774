"use client";

import type { ApiClientView } from "@/lib/domain/admin/schemas";
import { adminRequest } from "./admin-api";
import { ConfirmAction } from "./confirm-action";
import { FormError } from "./form-error";
import { useAdminAction } from "./use-admin-action";

export function RevokeApiClient({ client }: { client: ApiClientView }) {
  const revoke = useAdminAction(() => adminRequest<ApiClientView>("POST", `/api-clients/${client.id}/revoke`));
  return (
    <div className="space-y-1">
      <ConfirmAction trigger={`Revoke ${client.name}`} title={`Revoke ${client.name}?`} confirm="Revoke" danger disabled={revoke.pending} onConfirm={() => revoke.run(undefined)}>
        <p>
          The key <code>{client.keyPrefix}_…</code> stops working at its next request, and its service user is deactivated. This cannot be undone: issue a new key
          instead.
        </p>
      </ConfirmAction>
      <FormError message={revoke.error} />
    </div>
  );
}
