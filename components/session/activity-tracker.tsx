"use client";

/**
 * Automatic logoff after inactivity. Real interaction (pointer, key, touch) is reported to
 * the server at most once a minute, which extends the session token (see
 * lib/auth/session-policy.ts). With no interaction for `idleMinutes`, the browser signs
 * out; the server refuses the stale token on its own anyway.
 */
import { useEffect, useRef } from "react";
import { signOut, useSession } from "next-auth/react";

const reportEveryMs = 60_000;

export function ActivityTracker({ idleMinutes }: { idleMinutes: number }) {
  const { update } = useSession();
  const lastActivity = useRef(Date.now());
  const lastReport = useRef(Date.now());

  useEffect(() => {
    const onActivity = () => {
      const now = Date.now();
      lastActivity.current = now;
      if (now - lastReport.current > reportEveryMs) {
        lastReport.current = now;
        void update();
      }
    };
    const events = ["pointerdown", "keydown", "touchstart", "wheel"] as const;
    events.forEach((e) => window.addEventListener(e, onActivity, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current >= idleMinutes * 60_000) {
        void signOut({ callbackUrl: "/sign-in?reason=idle" });
      }
    }, 15_000);
    return () => {
      events.forEach((e) => window.removeEventListener(e, onActivity));
      window.clearInterval(timer);
    };
  }, [idleMinutes, update]);

  return null;
}
