import type { Locale } from "@sspr/core";

/** Every text of an element in one language, by key. */
export type Catalogue<K extends string> = Record<K, string>;

/**
 * An element's texts: English at hand (the reference, and the fallback), Dutch loaded when a
 * page asks for it, so a page downloads only the language it shows.
 */
export interface Messages<K extends string> {
  en: Catalogue<K>;
  nl: () => Promise<Catalogue<K>>;
}

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

/** One catalogue from the parts loaded for it (the common texts and the element's own). */
export async function joinCatalogues<K extends string>(
  ...parts: Promise<Record<string, string>>[]
): Promise<Catalogue<K>> {
  return Object.assign({}, ...(await Promise.all(parts)));
}

/** The translator of a catalogue; `{name}` placeholders are filled from `values`. */
export function translator<K extends string>(catalogue: Catalogue<K>): Translate<K> {
  return (key, values = {}) =>
    catalogue[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}
