"use client";

import { useRef, useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { MFA_CODE_REQUIRED } from "@/lib/domain/mfa/schemas";
import { useHydrated } from "@/components/ui/use-hydrated";

// One message for every failure (unknown account, wrong password, wrong code, locked out),
// so the form never reveals which accounts exist.
const genericFailure = "Those details did not work. Check your email and password and try again. After several failed attempts, sign-in pauses for a few minutes.";

const inputClass =
  "block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm read-only:bg-slate-50 read-only:text-slate-600 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30";

/**
 * Email and password; then, only when the server answers that the password was right and
 * the account uses two-step sign-in, the authentication code (the same sign-in again with
 * `code`). The code step never appears for a wrong password.
 */
export function SignInForm() {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const [needsCode, setNeedsCode] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const code = needsCode ? String(form.get("code") ?? "").trim() : "";
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      ...(code ? { code } : {}),
      // Without it the session cookie ends with the browser (lib/auth/session-cookie-lifetime.ts).
      remember: form.get("remember") === "true" ? "true" : "false",
      redirect: false,
    }).catch(() => null);
    if (result?.ok && !result.error) {
      // The landing page sends each role to its face.
      window.location.assign("/");
      return;
    }
    setPending(false);
    if (result?.error === MFA_CODE_REQUIRED) {
      if (needsCode) setError("Enter the code from your authenticator app, or a recovery code.");
      setNeedsCode(true);
      return;
    }
    setError(genericFailure);
    if (needsCode) {
      const field = formRef.current?.elements.namedItem("code");
      if (field instanceof HTMLInputElement) {
        field.value = "";
        field.focus();
      }
    }
  }

  function startOver() {
    setNeedsCode(false);
    setError(null);
    formRef.current?.reset();
  }

  return (
    <form ref={formRef} method="post" onSubmit={onSubmit} className="space-y-4 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm" noValidate>
      <div className="space-y-1">
        <label htmlFor="email" className="block text-sm font-medium text-slate-800">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required readOnly={needsCode} className={inputClass} />
      </div>
      <div className="space-y-1">
        <label htmlFor="password" className="block text-sm font-medium text-slate-800">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required readOnly={needsCode} className={inputClass} />
      </div>
      <div className="flex items-start gap-2">
        <input id="remember" name="remember" type="checkbox" value="true" aria-describedby="remember-hint" className="mt-1 h-4 w-4 rounded border-slate-300 text-brand-600 focus:ring-brand-500" />
        <div>
          <label htmlFor="remember" className="text-sm font-medium text-slate-800">
            Keep me signed in on this private device
          </label>
          <p id="remember-hint" className="text-xs text-slate-500">
            Leave this off on a shared or public computer: you are then signed out when you close the browser.
          </p>
        </div>
      </div>
      {needsCode && (
        <div className="space-y-1">
          <p role="status" className="text-sm text-slate-700">
            Two-step sign-in is on for this account.
          </p>
          <label htmlFor="code" className="block text-sm font-medium text-slate-800">
            Authentication code
          </label>
          <input
            id="code"
            name="code"
            type="text"
            inputMode="text"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={64}
            required
            autoFocus
            aria-describedby="code-hint"
            className={`${inputClass} font-mono tracking-wider`}
          />
          <p id="code-hint" className="text-xs text-slate-500">
            The 6-digit code from your authenticator app, or one of your recovery codes.
          </p>
        </div>
      )}
      {error && (
        <p role="alert" data-testid="sign-in-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending || !hydrated}
        className="w-full rounded-md bg-brand-600 px-4 py-2.5 font-medium text-white shadow-sm hover:bg-brand-700 disabled:cursor-wait disabled:opacity-70"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
      {needsCode && (
        <button type="button" onClick={startOver} className="w-full text-center text-sm text-slate-600 underline hover:text-slate-900">
          Use a different account
        </button>
      )}
    </form>
  );
}
