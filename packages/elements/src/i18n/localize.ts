import type { Locale } from "@sspr/core";

/** An element's texts: every key in every language sspr speaks. */
export type Messages<K extends string> = Record<Locale, Record<K, string>>;

/** A translator: `t("reset.choose.progress", { verified: 1, required: 2 })`. */
export type Translate<K extends string> = (
  key: K,
  values?: Record<string, string | number>,
) => string;

/** The language for an element: its `locale` attribute, else the nearest `lang`, else English. */
export function localeOf(element: HTMLElement, attribute: string | null): Locale {
  const tag = (attribute ?? element.closest("[lang]")?.getAttribute("lang") ?? "en").toLowerCase();
  return tag.startsWith("nl") ? "nl" : "en";
}

/** The translator for a language; `{name}` placeholders are filled from `values`. */
export function translator<K extends string>(messages: Messages<K>, locale: Locale): Translate<K> {
  const catalogue = messages[locale];
  return (key, values = {}) =>
    catalogue[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}
