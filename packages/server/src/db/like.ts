import { type Expression, type RawBuilder, sql } from "kysely";

/** `text` as a LIKE pattern that matches the text itself: its `%`, `_` and `\` escaped. */
export const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/**
 * `value LIKE pattern`, with `\` as the escape character in both databases (SQLite has none
 * by default); build the pattern from user input with `escapeLike`.
 */
export const like = (value: Expression<string>, pattern: string): RawBuilder<boolean> =>
  sql<boolean>`${value} like ${pattern} escape '\\'`;
