/**
 * Banned terms by their folded form, found as typed or one edit away (Entra's fuzzy matching).
 * Lookups take folded text and answer with the term as listed (`qwerty123`, `Contoso`).
 */
export interface TermIndex {
  /** The longest folded term, in code points. */
  readonly longest: number;
  /** The term whose folded form is `text`, if any. */
  find(text: string): string | undefined;
  /** A term whose folded form is one edit from `text` (a character added, dropped or changed). */
  near(text: string): string | undefined;
}

/** `text` without each of its code points in turn. */
const deletions = (text: string): string[] => {
  const chars = [...text];
  return chars.map((_, i) => [...chars.slice(0, i), ...chars.slice(i + 1)].join(""));
};

/** Whether two strings of the same length differ in exactly one code point. */
function oneChanged(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  return x.length === y.length && x.filter((char, i) => char !== y[i]).length === 1;
}

/**
 * An index of terms for edit-distance-1 lookups, each filed under its folded form (`fold`) and
 * that form less each character in turn (a symmetric-delete index), so a lookup costs a few
 * map reads, not a scan. The first term of a folded form is kept.
 */
export function createTermIndex(
  terms: Iterable<string>,
  fold: (term: string) => string,
): TermIndex {
  const exact = new Map<string, string>();
  const byDeletion = new Map<string, string[]>();
  let longest = 0;
  for (const term of terms) {
    const folded = fold(term);
    if (folded.length === 0 || exact.has(folded)) continue;
    exact.set(folded, term);
    longest = Math.max(longest, [...folded].length);
    for (const shorter of deletions(folded))
      byDeletion.set(shorter, [...(byDeletion.get(shorter) ?? []), folded]);
  }
  return {
    longest,
    find: (text) => exact.get(text),
    near(text) {
      // One dropped: the text is a term less one character.
      const dropped = byDeletion.get(text)?.[0];
      // One added: the text less one character is a term. One changed: the text and a term of
      // its length, each less the same character.
      const other = (shorter: string) =>
        exact.has(shorter) ? shorter : byDeletion.get(shorter)?.find((t) => oneChanged(t, text));
      const folded =
        dropped ??
        deletions(text)
          .map(other)
          .find((t) => t !== undefined);
      return folded === undefined ? undefined : exact.get(folded);
    },
  };
}
