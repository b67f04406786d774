"use client";

import { useId, useRef } from "react";
import { buttonClass } from "./styles";

/**
 * A button that asks before it acts: a native modal <dialog> (focus moves into it and is
 * held there, Escape cancels, the page behind is inert), labelled by its title and
 * described by its text. Cancel has the focus, so Enter never confirms by accident.
 * Written on the platform's dialog rather than a library: no dialog library is installed.
 */
export function ConfirmAction({
  trigger,
  title,
  children,
  confirm,
  danger = false,
  disabled = false,
  onConfirm,
}: {
  trigger: string;
  title: string;
  children: React.ReactNode;
  confirm: string;
  danger?: boolean;
  disabled?: boolean;
  onConfirm: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  return (
    <>
      <button type="button" disabled={disabled} onClick={() => ref.current?.showModal()} className={buttonClass(danger ? "danger-outline" : "secondary")}>
        {trigger}
      </button>
      <dialog
        ref={ref}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-text`}
        className="m-auto w-[30rem] max-w-[calc(100vw-2rem)] rounded-2xl border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form method="dialog" className="space-y-4 p-6">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {title}
          </h2>
          <div id={`${id}-text`} className="space-y-2 text-sm text-slate-700">
            {children}
          </div>
          <div className="flex justify-end gap-2">
            <button type="submit" value="cancel" autoFocus className={buttonClass("secondary")}>
              Cancel
            </button>
            <button type="submit" value="confirm" onClick={onConfirm} className={buttonClass(danger ? "danger" : "primary")}>
              {confirm}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
