import { describe, expect, it } from "vitest";
import { activeMentionQuery, addPicked, filterCandidates, insertMention, mentionIdsInBody, type MentionCandidate } from "./mention-text";

const team = { id: "t", name: "Sunrise" };
const people: MentionCandidate[] = [
  { id: "1", name: "Dr. Priya Raman", role: "PHYSICIAN", team },
  { id: "2", name: "Nora Haddad", role: "NURSE", team },
  { id: "3", name: "Bea Lindqvist", role: "CARE_GUIDE", team },
  { id: "4", name: "José Prieto", role: "NURSE", team },
];

describe("activeMentionQuery", () => {
  it("finds the @ being typed at the caret", () => {
    expect(activeMentionQuery("@", 1)).toEqual({ start: 0, query: "" });
    expect(activeMentionQuery("Hi @Pri", 7)).toEqual({ start: 3, query: "Pri" });
    expect(activeMentionQuery("Hi @Dr. Pri", 11)).toEqual({ start: 3, query: "Dr. Pri" });
    expect(activeMentionQuery("line\n@No", 8)).toEqual({ start: 5, query: "No" });
    expect(activeMentionQuery("(@Bea", 5)).toEqual({ start: 1, query: "Bea" });
  });

  it("ignores an @ inside a word, after a line break, or followed by a space", () => {
    expect(activeMentionQuery("mail maya@example.org", 21)).toBeNull();
    expect(activeMentionQuery("@Bea\nthanks", 11)).toBeNull();
    expect(activeMentionQuery("@ hello", 7)).toBeNull();
    expect(activeMentionQuery("@Bea  and more", 14)).toBeNull();
    expect(activeMentionQuery("no at sign", 10)).toBeNull();
    expect(activeMentionQuery(`@${"x".repeat(41)}`, 42)).toBeNull();
  });

  it("reads only up to the caret", () => {
    expect(activeMentionQuery("@Bea Lindqvist is here", 4)).toEqual({ start: 0, query: "Bea" });
  });
});

describe("filterCandidates", () => {
  it("matches any part of the name, ignoring case and accents, word starts first", () => {
    expect(filterCandidates(people, "pri").map((p) => p.id)).toEqual(["1", "4"]);
    expect(filterCandidates(people, "jose").map((p) => p.id)).toEqual(["4"]);
    expect(filterCandidates(people, "had").map((p) => p.id)).toEqual(["2"]);
    expect(filterCandidates(people, "").map((p) => p.id)).toEqual(["1", "2", "3", "4"]);
    expect(filterCandidates(people, "zzz")).toEqual([]);
  });
});

describe("insertMention", () => {
  it("writes @Full Name and a space, and puts the caret after it", () => {
    expect(insertMention("Hi @Pri", { start: 3, query: "Pri" }, 7, "Dr. Priya Raman")).toEqual({ text: "Hi @Dr. Priya Raman ", caret: 20 });
    expect(insertMention("@No please look", { start: 0, query: "No" }, 3, "Nora Haddad")).toEqual({ text: "@Nora Haddad please look", caret: 13 });
  });
});

describe("mentionIdsInBody", () => {
  it("keeps only the people whose @Name is still written", () => {
    const picked = addPicked(addPicked(addPicked([], { id: "1", name: "Dr. Priya Raman" }), { id: "2", name: "Nora Haddad" }), { id: "1", name: "Dr. Priya Raman" });
    expect(picked).toHaveLength(2);
    expect(mentionIdsInBody("@Dr. Priya Raman and @Nora Haddad", picked)).toEqual(["1", "2"]);
    expect(mentionIdsInBody("@Dr. Priya Raman, thanks", picked)).toEqual(["1"]);
    expect(mentionIdsInBody("Dr. Priya Raman without the at", picked)).toEqual([]);
  });
});
