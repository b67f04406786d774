"use client";

/**
 * Change one's own password (POST /api/v1/me/password): the current one, a new one and the
 * new one again. Each error is tied to its field (aria-invalid, aria-describedby) and the
 * first field in error gets the focus; a form-wide problem is announced as an alert.
 */
import { useRef, useState, type FormEvent } from "react";
import { changePasswordSchema, MIN_PASSWORD_LENGTH } from "@/lib/domain/auth/schemas";
import { useHydrated } from "@/components/ui/use-hydrated";

type Field = "currentPassword" | "newPassword" | "confirmPassword";
type Errors = Partial<Record<Field, string>>;
const fieldOrder: Field[] = ["currentPassword", "newPassword", "confirmPassword"];

const inputClass =
  "mt-1 block w-full max-w-sm rounded-md border border-slate-300 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 aria-[invalid=true]:border-red-500";
const labelClass = "block text-sm font-medium text-slate-800";
const primary =
  "inline-flex items-center justify-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-wait disabled:opacity-60";

function PasswordField({ name, label, hint, autoComplete, error }: { name: Field; label: string; hint?: string; autoComplete: string; error?: string }) {
  const describedBy = [hint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={name} className={labelClass}>
        {label}
      </label>
      <input
        id={name}
        name={name}
        type="password"
        autoComplete={autoComplete}
        required
        maxLength={512}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        className={inputClass}
      />
      {hint && (
        <p id={`${name}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${name}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function ChangePasswordForm({ oneTimePassword, homePath }: { oneTimePassword: boolean; homePath: string }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const [done, setDone] = useState(false);

  function showErrors(next: Errors) {
    setErrors(next);
    const first = fieldOrder.find((f) => next[f]);
    const field = first ? formRef.current?.elements.namedItem(first) : null;
    if (field instanceof HTMLInputElement) field.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { currentPassword: String(form.get("currentPassword") ?? ""), newPassword: String(form.get("newPassword") ?? "") };
    const confirmPassword = String(form.get("confirmPassword") ?? "");
    setFormError(null);

    const parsed = changePasswordSchema.safeParse(input);
    const local: Errors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const path = issue.path[0] as Field;
        local[path] ??= issue.message;
      }
    }
    if (!local.newPassword && confirmPassword !== input.newPassword) local.confirmPassword = "The two new passwords are not the same.";
    if (Object.keys(local).length > 0) return showErrors(local);

    setPending(true);
    try {
      const response = await fetch("/api/v1/me/password", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify(input),
        credentials: "same-origin",
      });
      if (response.status === 401) {
        window.location.assign("/sign-in");
        return;
      }
      if (!response.ok) {
        const problem = (await response.json().catch(() => null)) as { detail?: string; errors?: { path: string; message: string }[] } | null;
        const server: Errors = {};
        for (const e of problem?.errors ?? []) if (fieldOrder.includes(e.path as Field)) server[e.path as Field] ??= e.message;
        if (Object.keys(server).length > 0) return showErrors(server);
        setErrors({});
        setFormError(problem?.detail ?? "Something went wrong. Try again.");
        return;
      }
      setErrors({});
      setDone(true);
    } catch {
      setFormError("You appear to be offline. Check your connection and try again.");
    } finally {
      setPending(false);
    }
  }

  if (done) {
    return (
      <div role="status" className="space-y-3 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
        <p>Your password is changed. Every other session of your account has ended.</p>
        <a href={homePath} className="font-semibold underline">
          Continue to Concierge
        </a>
      </div>
    );
  }

  return (
    <form ref={formRef} method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <PasswordField
        name="currentPassword"
        label={oneTimePassword ? "One-time password" : "Current password"}
        hint={oneTimePassword ? "The password your administrator gave you." : undefined}
        autoComplete="current-password"
        error={errors.currentPassword}
      />
      <PasswordField
        name="newPassword"
        label="New password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a good one; do not reuse a password from another site.`}
        autoComplete="new-password"
        error={errors.newPassword}
      />
      <PasswordField name="confirmPassword" label="New password again" autoComplete="new-password" error={errors.confirmPassword} />
      {formError && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {formError}
        </p>
      )}
      <button type="submit" disabled={pending || !hydrated} className={primary}>
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
