/** Class names shared by the admin forms, so fields and buttons look and behave alike. */
export const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 disabled:bg-slate-100 aria-[invalid=true]:border-red-500";

export const labelClass = "block text-sm font-medium text-slate-800";

const buttons = {
  primary: "bg-brand-600 text-white shadow-sm hover:bg-brand-700",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  danger: "bg-red-700 text-white shadow-sm hover:bg-red-800",
  "danger-outline": "border border-red-300 bg-white text-red-800 hover:bg-red-50",
} as const;

export function buttonClass(kind: keyof typeof buttons = "primary"): string {
  return `inline-flex items-center justify-center rounded-lg px-4 py-2 text-sm font-semibold disabled:cursor-not-allowed disabled:opacity-60 ${buttons[kind]}`;
}
