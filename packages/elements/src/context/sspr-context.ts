import { createContext } from "@lit/context";
import type { Locale, SsprApi } from "@sspr/core";

/** What `<sspr-provider>` shares with the sspr elements inside it. */
export interface SsprSettings {
  api: SsprApi;
  locale: Locale | null;
}

/** The context key for {@link SsprSettings}. */
export const ssprContext = createContext<SsprSettings | undefined>(Symbol("sspr"));
