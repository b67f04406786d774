"use client";

/**
 * The optional sound and desktop alerts (NotificationPreference.soundEnabled /
 * desktopEnabled). A desktop notification shows on a lock screen, so it says only that
 * something new arrived — never who or what (docs/notifications.md).
 */
export function playChime(): void {
  try {
    const AudioContextClass = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!AudioContextClass) return;
    const ctx = new AudioContextClass();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "sine";
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.15, ctx.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.4);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.45);
    osc.onended = () => void ctx.close();
  } catch {
    // Browsers may refuse audio before the first interaction: the bell still shows the count.
  }
}

export function showDesktopNotification(count: number): void {
  if (typeof Notification === "undefined" || Notification.permission !== "granted") return;
  try {
    new Notification("Concierge", { body: count === 1 ? "You have a new alert." : `You have ${count} new alerts.`, tag: "concierge-alerts" });
  } catch {
    // Some browsers only allow notifications from a service worker; the bell still shows the count.
  }
}
