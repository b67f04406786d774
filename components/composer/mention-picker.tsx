"use client";

/**
 * The list of people to @mention, above the message box. The textarea keeps the focus
 * (aria-activedescendant points at the highlighted option), so typing goes on filtering;
 * a click chooses without taking the focus away.
 */
import { roleLabels, roles, type Role } from "@/lib/access/roles";
import type { MentionPicker as Picker } from "./use-mention-picker";

function roleLabel(role: string): string {
  return (roles as readonly string[]).includes(role) ? roleLabels[role as Role] : role;
}

export function MentionPicker({ picker }: { picker: Picker }) {
  if (!picker.open) return null;
  const note = picker.failed
    ? "Could not load the people you can mention."
    : picker.loading
      ? "Loading people…"
      : picker.options.length === 0
        ? `No one you can mention matches “${picker.query}”.`
        : null;
  return (
    <div className="absolute bottom-full left-2 z-30 mb-1 w-80 max-w-[calc(100%-1rem)] overflow-hidden rounded-xl border border-slate-200 bg-white text-sm shadow-lg">
      <p className="border-b border-slate-100 px-3 py-1.5 text-xs text-slate-500">Mention a colleague · they can then open this conversation</p>
      <ul role="listbox" id={picker.listboxId} aria-label="People you can mention" className="max-h-64 overflow-y-auto py-1">
        {picker.options.map((person, index) => {
          const selected = index === picker.activeIndex;
          return (
            <li
              key={person.id}
              id={picker.optionId(person.id)}
              role="option"
              aria-selected={selected}
              onMouseDown={(event) => {
                event.preventDefault(); // keep the focus (and the caret) in the textarea
                picker.choose(person);
              }}
              onMouseMove={() => picker.hover(index)}
              className={`cursor-pointer px-3 py-1.5 ${selected ? "bg-brand-50 text-brand-900" : "text-slate-800"}`}
            >
              <span className="block font-medium">{person.name}</span>
              <span className="block text-xs text-slate-500">
                {roleLabel(person.role)} · {person.team.name}
              </span>
            </li>
          );
        })}
      </ul>
      {note && (
        <p role="status" className="px-3 py-2 text-slate-500">
          {note}
        </p>
      )}
    </div>
  );
}
