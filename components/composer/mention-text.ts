/**
 * The text side of @mentions in the composer, kept pure so it is unit-tested: where an
 * "@…" being typed starts, which people match it, what choosing one writes, and which
 * chosen people are still mentioned when the note is sent.
 */

export type MentionCandidate = { id: string; name: string; role: string; team: { id: string; name: string } };
export type PickedMention = { id: string; name: string };

/** The "@…" the caret is in: where the @ is and what follows it up to the caret. */
export type MentionQuery = { start: number; query: string };

const maxQueryLength = 40;

/**
 * The mention being typed at `caret`, or null. An @ starts one only at the start of the text
 * or after a space, a line break or an opening bracket — never inside a word, so an email
 * address typed into a note does not open the list. The query may hold spaces ("@Dr. Pri")
 * but no line break and no second @.
 */
export function activeMentionQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf("@");
  if (at < 0) return null;
  const previous = at === 0 ? "" : before[at - 1]!;
  if (previous !== "" && !/[\s([{"'“‘]/.test(previous)) return null;
  const query = before.slice(at + 1);
  if (query.length > maxQueryLength || /[\n@]/.test(query) || /^\s/.test(query) || /\s{2}/.test(query)) return null;
  return { start: at, query };
}

/** Lower case, without accents, so "jose" finds "José". */
function fold(value: string): string {
  return value.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** People whose name holds the query (any part of it); names starting with it first. */
export function filterCandidates(candidates: readonly MentionCandidate[], query: string, limit = 8): MentionCandidate[] {
  const q = fold(query.trim());
  if (q === "") return candidates.slice(0, limit);
  const scored = candidates.flatMap((c) => {
    const name = fold(c.name);
    const index = name.indexOf(q);
    if (index < 0) return [];
    // A match at the start of the name or of a word ranks before one inside a word.
    const wordStart = index === 0 || name[index - 1] === " " || name[index - 1] === ".";
    return [{ c, rank: index === 0 ? 0 : wordStart ? 1 : 2 }];
  });
  return scored
    .sort((a, b) => a.rank - b.rank || a.c.name.localeCompare(b.c.name))
    .slice(0, limit)
    .map((s) => s.c);
}

/** Replaces the "@query" at the caret with "@Full Name " and says where the caret goes. */
export function insertMention(text: string, at: MentionQuery, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret).replace(/^ /, "");
  return { text: text.slice(0, at.start) + inserted + after, caret: at.start + inserted.length };
}

/** Adds a person once. */
export function addPicked(picked: readonly PickedMention[], person: PickedMention): PickedMention[] {
  return picked.some((p) => p.id === person.id) ? [...picked] : [...picked, person];
}

/**
 * The ids to send: people chosen from the list whose "@Full Name" is still in the text.
 * Deleting the text of a mention un-mentions the person.
 */
export function mentionIdsInBody(body: string, picked: readonly PickedMention[]): string[] {
  return picked.filter((p) => body.includes(`@${p.name}`)).map((p) => p.id);
}
