import type { Locale } from "@sspr/core";
import { type Catalogue, en, type MessageKey } from "./en.js";
import { nl } from "./nl.js";

const catalogues: Record<Locale, Catalogue> = { en, nl };

/** The language for an element: its `locale` attribute, else the nearest `lang`, else English. */
export function localeOf(element: HTMLElement, attribute: string | null): Locale {
  const tag = (attribute ?? element.closest("[lang]")?.getAttribute("lang") ?? "en").toLowerCase();
  return tag.startsWith("nl") ? "nl" : "en";
}

/** A translator: `t("reset.choose.progress", { verified: 1, required: 2 })`. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The translator for a language; `{name}` placeholders are filled from `values`. */
export function translator(locale: Locale): Translate {
  const catalogue = catalogues[locale];
  return (key, values = {}) =>
    catalogue[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}
