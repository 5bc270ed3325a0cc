import { foldForMatching } from "./normalise.js";
import type { TermIndex } from "./term-index.js";

/** Entra's bar: a password needs at least this many points. */
export const MIN_BANNED_SCORE = 5;

/** Terms shorter than this are never matched (Entra: substrings of at least 4 characters). */
const MIN_MATCH = 4;

/** What a password scores, and the banned terms that cost it points (as listed), in order. */
interface BannedScore {
  points: number;
  terms: string[];
}

/**
 * The user's own name and identifiers as terms: each whole (folded) and its words of at least
 * 4 characters; of an email address only the part before the @, as the domain's labels and
 * top-level domain (`contoso`, `com`) are the organisation's, not the person's.
 */
export function personalTerms(personal: readonly string[]): Set<string> {
  const terms = new Set<string>();
  for (const value of personal) {
    const own = value.includes("@") ? value.slice(0, value.lastIndexOf("@")) : value;
    for (const part of [own, ...own.split(/[\s._+\-\\/,]+/)]) {
      const folded = foldForMatching(part);
      if ([...folded].length >= MIN_MATCH) terms.add(folded);
    }
  }
  return terms;
}

/**
 * Scores a password as Entra ID's password protection does: fold it (case, look-alikes), then
 * from left to right give each banned term found one point and each other character one point.
 * A term is found as typed (the global and custom lists, and the user's own terms, as
 * substrings) or, for the lists, one edit away (`contoso` in `kontoso`), the longest first.
 *
 * @example
 * bannedScore("C0ntos0Blank12", [createTermIndex(["Contoso", "blank"], foldForMatching)], new Set()) // 4 points: Contoso, blank, l, 2
 */
export function bannedScore(
  password: string,
  lists: readonly TermIndex[],
  personal: ReadonlySet<string>,
): BannedScore {
  const chars = [...foldForMatching(password)];
  const longest = Math.max(
    0,
    ...lists.map((list) => list.longest),
    ...[...personal].map((t) => [...t].length),
  );
  const at = (start: number, length: number) => chars.slice(start, start + length).join("");

  /** The longest term as typed at `start`, unless one a character longer is one edit away. */
  function termAt(start: number): { term: string; length: number } | undefined {
    const room = chars.length - start;
    let found: { term: string; length: number } | undefined;
    for (let length = Math.min(longest, room); length >= MIN_MATCH && !found; length--) {
      const text = at(start, length);
      const term = personal.has(text) ? text : lists.map((list) => list.find(text)).find(Boolean);
      if (term) found = { term, length };
    }
    // A one-edit match only when it covers 2 or more characters beyond the exact one, so it never
    // merely takes in the next character (`blank` + `f` stays blank and a point for the f).
    const shortest = Math.max(MIN_MATCH, (found?.length ?? 0) + 2);
    for (let length = Math.min(longest + 1, room); length >= shortest; length--) {
      const text = at(start, length);
      const term = lists.map((list) => list.near(text)).find(Boolean);
      if (term) return { term, length };
    }
    return found;
  }

  const score: BannedScore = { points: 0, terms: [] };
  for (let start = 0; start < chars.length; ) {
    const found = termAt(start);
    score.points += 1;
    if (found && !score.terms.includes(found.term)) score.terms.push(found.term);
    start += found?.length ?? 1;
  }
  return score;
}
