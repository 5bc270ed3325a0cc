import { createContext } from "@lit/context";
import type { Locale, SsprApi } from "@sspr/core";

/** What `<sspr-provider>` shares with the sspr elements inside it. */
export interface SsprSettings {
  api: SsprApi;
  locale: Locale | null;
  theme: Theme | null;
}

/** A colour scheme an element keeps whatever the system's preference. */
export type Theme = "light" | "dark";

/** The theme an attribute names, or null for the system's preference. */
export const themeOf = (value: string | null | undefined): Theme | null =>
  value === "light" || value === "dark" ? value : null;

/** The context key for {@link SsprSettings}. */
export const ssprContext = createContext<SsprSettings | undefined>(Symbol("sspr"));
