"use client";

/**
 * Two-step sign-in for one staff account: set it up (secret → first code → recovery codes
 * shown once → sign in again), or, when it is on, new recovery codes or turning it off.
 * Writes go through API v1 (/api/v1/me/mfa/**).
 */
import { useState, type FormEvent } from "react";
import { signOut } from "next-auth/react";
import { api, ApiError } from "@/components/api/api-client";
import type { MfaEnrolment, MfaStatus, RecoveryCodes } from "@/lib/domain/mfa/schemas";
import { qrCodeMatrix } from "./qr-code";
import { QrCodeImage } from "./qr-code-image";
import { RecoveryCodeList } from "./recovery-code-list";
import { useHydrated } from "@/components/ui/use-hydrated";

const inputClass =
  "mt-1 block w-full max-w-xs rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-base tracking-wider shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 aria-[invalid=true]:border-red-500";
const labelClass = "block text-sm font-medium text-slate-800";
const primary =
  "inline-flex items-center justify-center rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 disabled:cursor-wait disabled:opacity-60";
const secondary =
  "inline-flex items-center justify-center rounded-lg border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50 disabled:cursor-wait disabled:opacity-60";
const danger =
  "inline-flex items-center justify-center rounded-lg border border-red-300 bg-white px-4 py-2 text-sm font-semibold text-red-800 hover:bg-red-50 disabled:cursor-wait disabled:opacity-60";

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : "Something went wrong. Try again.";
}

function Alert({ message, id }: { message: string | null; id?: string }) {
  if (!message) return null;
  return (
    <p id={id} role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {message}
    </p>
  );
}

/** One code field and its submit button; the parent decides what the code does. */
function CodeForm({
  id,
  label,
  hint,
  submitLabel,
  submitClass,
  onCode,
}: {
  id: string;
  label: string;
  hint: string;
  submitLabel: string;
  submitClass: string;
  onCode: (code: string) => Promise<void>;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const code = String(new FormData(form).get("code") ?? "").trim();
    setPending(true);
    setError(null);
    try {
      await onCode(code);
    } catch (e) {
      setError(messageOf(e));
      const field = form.elements.namedItem("code");
      if (field instanceof HTMLInputElement) {
        field.value = "";
        field.focus();
      }
    } finally {
      setPending(false);
    }
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-3">
      <div>
        <label htmlFor={id} className={labelClass}>
          {label}
        </label>
        <input
          id={id}
          name="code"
          type="text"
          autoComplete="one-time-code"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={64}
          required
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
          className={inputClass}
        />
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      </div>
      <Alert message={error} id={`${id}-error`} />
      <button type="submit" disabled={pending || !hydrated} className={submitClass}>
        {pending ? "Checking…" : submitLabel}
      </button>
    </form>
  );
}

function Enrol() {
  const [enrolment, setEnrolment] = useState<MfaEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function start() {
    setPending(true);
    setError(null);
    try {
      setEnrolment(await api.post<MfaEnrolment>("/me/mfa/enrolment", {}));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setPending(false);
    }
  }

  if (codes) {
    return (
      <section aria-labelledby="mfa-done" className="space-y-4">
        <h2 id="mfa-done" className="text-lg font-semibold">
          Two-step sign-in is on
        </h2>
        <RecoveryCodeList codes={codes} />
        <p className="text-sm text-slate-700">
          For your safety every session of this account has ended, this one too. Sign in again with your password and a code from
          your authenticator app.
        </p>
        <button type="button" className={primary} onClick={() => void signOut({ callbackUrl: "/sign-in?reason=mfa" })}>
          I have saved my recovery codes — sign in again
        </button>
      </section>
    );
  }

  if (!enrolment) {
    return (
      <section className="space-y-4">
        <p className="text-sm text-slate-700">
          After your password, Concierge will ask for a 6-digit code from an authenticator app on your phone (for example Google
          Authenticator, Microsoft Authenticator, 1Password or FreeOTP). Someone who learns your password still cannot sign in as you.
        </p>
        <Alert message={error} />
        <button type="button" className={primary} disabled={pending} onClick={() => void start()}>
          {pending ? "Preparing…" : "Set up two-step sign-in"}
        </button>
      </section>
    );
  }

  const qr = qrCodeMatrix(enrolment.otpauthUri);
  return (
    <section className="space-y-6">
      <div className="space-y-3">
        <h2 className="text-lg font-semibold">1. Add Concierge to your authenticator app</h2>
        {qr && (
          <>
            <p className="text-sm text-slate-700">Scan this code with the app:</p>
            <QrCodeImage matrix={qr} label="QR code to add Concierge to an authenticator app" />
          </>
        )}
        <p className="text-sm text-slate-700">
          {qr ? "Or choose" : "In the app, choose"} “enter a set-up key” and type this key (account:{" "}
          <span className="font-medium">{enrolment.account}</span>, time-based):
        </p>
        <p>
          <code data-testid="mfa-secret" className="select-all break-all rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-lg tracking-wide">
            {enrolment.secretGrouped}
          </code>
        </p>
        <details className="text-sm text-slate-700">
          <summary className="cursor-pointer">Set-up link (otpauth://)</summary>
          <p className="mt-2">
            On a device that has the authenticator app, this link opens it:{" "}
            <a href={enrolment.otpauthUri} className="text-brand-700 underline">
              add to authenticator
            </a>
          </p>
          <code data-testid="mfa-otpauth-uri" className="mt-2 block select-all break-all rounded-md bg-slate-50 p-2 font-mono text-xs">
            {enrolment.otpauthUri}
          </code>
        </details>
        <p className="text-xs text-slate-500">Keep this key to yourself: anyone who has it can make your codes.</p>
      </div>
      <div className="space-y-3">
        <h2 className="text-lg font-semibold">2. Enter the code the app shows</h2>
        <CodeForm
          id="enrol-code"
          label="Authentication code"
          hint="6 digits. A new code appears every 30 seconds."
          submitLabel="Turn on two-step sign-in"
          submitClass={primary}
          onCode={async (code) => setCodes((await api.post<RecoveryCodes>("/me/mfa/enrolment/confirm", { code })).recoveryCodes)}
        />
      </div>
    </section>
  );
}

function Manage({ status }: { status: MfaStatus }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <div className="space-y-8">
      <section className="space-y-2">
        <p className="text-sm text-slate-800" data-testid="mfa-on">
          Two-step sign-in is <strong>on</strong>
          {status.enabledAt ? ` since ${new Date(status.enabledAt).toLocaleDateString()}` : ""}. You have{" "}
          <strong data-testid="mfa-recovery-remaining">{status.recoveryCodesRemaining}</strong> unused recovery code{status.recoveryCodesRemaining === 1 ? "" : "s"}.
        </p>
      </section>

      <section aria-labelledby="mfa-renew" className="space-y-3">
        <h2 id="mfa-renew" className="text-lg font-semibold">
          New recovery codes
        </h2>
        {codes ? (
          <RecoveryCodeList codes={codes} />
        ) : (
          <>
            <p className="text-sm text-slate-700">Ten new codes replace the ones you have; the old ones stop working.</p>
            <CodeForm
              id="renew-code"
              label="Code from your app"
              hint="The current 6-digit code from your authenticator app."
              submitLabel="Make new recovery codes"
              submitClass={secondary}
              onCode={async (code) => setCodes((await api.post<RecoveryCodes>("/me/mfa/recovery-codes", { code })).recoveryCodes)}
            />
          </>
        )}
      </section>

      <section aria-labelledby="mfa-off" className="space-y-3">
        <h2 id="mfa-off" className="text-lg font-semibold">
          Turn off or reset
        </h2>
        <p className="text-sm text-slate-700">
          Turning it off deletes the key and the recovery codes. To move to a new phone, turn it off and set it up again. Lost your
          phone? Use a recovery code here.
          {status.required ? " Your organisation requires it for staff: you will be asked to set it up again at once." : ""}
        </p>
        <CodeForm
          id="disable-code"
          label="Code from your app or a recovery code"
          hint="A current 6-digit code, or one of your unused recovery codes."
          submitLabel="Turn off two-step sign-in"
          submitClass={danger}
          onCode={async (code) => {
            await api.post<null>("/me/mfa/disable", { code });
            window.location.reload();
          }}
        />
      </section>
    </div>
  );
}

export function TwoStepSettings({ status }: { status: MfaStatus }) {
  return status.enabled ? <Manage status={status} /> : <Enrol />;
}
