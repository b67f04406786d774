"use client";

import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { NotificationPreferences } from "@/lib/domain/notifications/schemas";
import { ApiError } from "@/components/api/api-client";
import { fetchPreferences, preferencesKey, savePreferences } from "./notifications-api";

const fields: { key: keyof NotificationPreferences; label: string; hint: string }[] = [
  { key: "emailEnabled", label: "Email", hint: "New conversations, mentions and missed response targets. Emails never contain details." },
  { key: "soundEnabled", label: "Sound", hint: "A short chime when a new alert arrives." },
  { key: "desktopEnabled", label: "Desktop", hint: "A system notification without details." },
];

/** The caller's alert settings, saved as each box changes. */
export function NotificationPreferencesForm() {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const prefs = useQuery({ queryKey: preferencesKey, queryFn: fetchPreferences });
  const save = useMutation({
    mutationFn: savePreferences,
    onSuccess: (next) => {
      setError(null);
      queryClient.setQueryData(preferencesKey, next);
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : "The settings were not saved."),
  });

  async function toggle(key: keyof NotificationPreferences, value: boolean) {
    if (key === "desktopEnabled" && value && typeof Notification !== "undefined" && Notification.permission === "default") {
      await Notification.requestPermission().catch(() => "denied");
    }
    save.mutate({ [key]: value });
  }

  if (!prefs.data) return <p className="px-3 py-2 text-xs text-slate-500">Loading settings…</p>;
  return (
    <fieldset className="space-y-1.5 px-3 py-2" aria-label="Alert settings">
      <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">Alert me by</legend>
      {fields.map((f) => (
        <label key={f.key} className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 accent-brand-600"
            checked={prefs.data[f.key]}
            disabled={save.isPending}
            onChange={(e) => void toggle(f.key, e.target.checked)}
          />
          <span>
            <span className="font-medium text-slate-800">{f.label}</span>
            <span className="block text-xs text-slate-500">{f.hint}</span>
          </span>
        </label>
      ))}
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
