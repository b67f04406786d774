"use client";

/**
 * The @ picker's state for the console composer: typing "@" opens a list of the people who
 * may be mentioned on the thread (GET /threads/{id}/mentionable, asked once per thread and
 * filtered here as the user types); arrow keys move, Enter or Tab choose, Escape closes.
 * Choosing writes "@Full Name " and remembers the person; `idsFor(body)` gives the ids to
 * send, dropping anyone whose "@Name" was deleted from the text.
 *
 * Written by hand (docs/collaboration.md): a mention list inside a multi-line textarea is
 * not the combobox the headless libraries ship, and none is installed here.
 */
import { useCallback, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/components/api/api-client";
import { activeMentionQuery, addPicked, filterCandidates, insertMention, mentionIdsInBody, type MentionCandidate, type MentionQuery, type PickedMention } from "./mention-text";

export function useMentionPicker({
  threadId,
  body,
  setBody,
  textarea,
}: {
  /** The thread whose people may be mentioned; null turns the picker off. */
  threadId: string | null;
  body: string;
  setBody: (text: string) => void;
  textarea: RefObject<HTMLTextAreaElement | null>;
}) {
  const listboxId = useId();
  const [query, setQuery] = useState<MentionQuery | null>(null);
  // Escape closes the list for this @ only; another @ opens it again.
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [picked, setPicked] = useState<PickedMention[]>([]);
  const [wanted, setWanted] = useState(false);
  const pendingCaret = useRef<number | null>(null);

  const people = useQuery({
    queryKey: ["mentionable", threadId],
    queryFn: async () => (await api.get<{ items: MentionCandidate[] }>(`/threads/${threadId}/mentionable?limit=100`)).items,
    enabled: threadId !== null && wanted,
    staleTime: 5 * 60_000,
  });

  const current = threadId !== null && query !== null && query.start !== dismissedAt ? query : null;
  const options = current ? filterCandidates(people.data ?? [], current.query) : [];
  // Nothing matches a query with a space in it: the user is writing on, not picking.
  const open = current !== null && (options.length > 0 || !/\s/.test(current.query));
  const activeIndex = Math.min(active, Math.max(options.length - 1, 0));
  const optionId = (id: string) => `${listboxId}-option-${id}`;

  // After a choice, put the caret behind the inserted name once React has written the text.
  useLayoutEffect(() => {
    const caret = pendingCaret.current;
    if (caret === null || !textarea.current) return;
    pendingCaret.current = null;
    textarea.current.setSelectionRange(caret, caret);
  }, [body, textarea]);

  /** Call after every change of the text or the caret. */
  const update = useCallback(
    (text: string, caret: number) => {
      if (threadId === null) return;
      const next = activeMentionQuery(text, caret);
      if (next) setWanted(true);
      if (!next || next.start !== query?.start) setActive(0);
      if (!next || next.start !== dismissedAt) setDismissedAt(null);
      setQuery(next);
    },
    [dismissedAt, query?.start, threadId],
  );

  const choose = useCallback(
    (person: MentionCandidate) => {
      const el = textarea.current;
      if (!current || !el) return;
      const result = insertMention(body, current, el.selectionStart, person.name);
      setPicked((list) => addPicked(list, { id: person.id, name: person.name }));
      // This @ is done: the text after it ("@Dr. Priya Raman ") must not reopen the list.
      setDismissedAt(current.start);
      setQuery(null);
      pendingCaret.current = result.caret;
      setBody(result.text);
      el.focus();
    },
    [body, current, setBody, textarea],
  );

  /** Handles the list's keys; true when the key was the picker's (the composer must not also act on it). */
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
      if (!open || event.nativeEvent.isComposing) return false;
      if (event.key === "Escape") {
        event.preventDefault();
        setDismissedAt(current?.start ?? null);
        return true;
      }
      if (options.length === 0) return false;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((activeIndex + step + options.length) % options.length);
        return true;
      }
      if ((event.key === "Enter" && !event.shiftKey) || (event.key === "Tab" && !event.shiftKey)) {
        event.preventDefault();
        choose(options[activeIndex]!);
        return true;
      }
      return false;
    },
    [activeIndex, choose, current?.start, open, options],
  );

  const reset = useCallback(() => {
    setPicked([]);
    setQuery(null);
    setDismissedAt(null);
  }, []);

  return {
    open,
    options,
    activeIndex,
    listboxId,
    optionId,
    loading: people.isPending && wanted,
    failed: people.isError,
    query: current?.query ?? "",
    update,
    choose,
    hover: setActive,
    onKeyDown,
    reset,
    idsFor: (text: string) => mentionIdsInBody(text, picked),
    /** ARIA for the textarea: it controls the list and points at the highlighted person. */
    inputProps:
      threadId === null
        ? {}
        : {
            "aria-autocomplete": "list" as const,
            "aria-controls": open ? listboxId : undefined,
            "aria-activedescendant": open && options[activeIndex] ? optionId(options[activeIndex]!.id) : undefined,
          },
  };
}

export type MentionPicker = ReturnType<typeof useMentionPicker>;
