import type { Locale } from "@sspr/core";
import type { BotCheck } from "../adapters/bot-check.js";
import type { Clock } from "../adapters/clock.js";
import type { Counters } from "../adapters/counters.js";
import type { Delivery } from "../adapters/delivery.js";
import type { Directory } from "../adapters/directory.js";
import type { PasswordHasher } from "../adapters/password-hasher.js";
import type { SsprStore } from "../adapters/store.js";
import type { Keyring } from "../crypto/keyring.js";
import type { Limits } from "./limits.js";

/** The adapters and settings every part of the service shares. */
export interface EngineContext {
  store: SsprStore;
  /** The throttles' counters: the store's, or Redis's. */
  counters: Counters;
  directory: Directory;
  delivery: Delivery;
  botCheck: BotCheck;
  hasher: PasswordHasher;
  clock: Clock;
  keyring: Keyring;
  limits: Limits;
  /** Anonymous reset responses take at least this long, whoever the user is. */
  responseFloorMs: number;
  /** The issuer name authenticator apps show. */
  appName: string;
  /** Country assumed for phone numbers typed without a +country code, if any. */
  defaultCountry: string | undefined;
  /** The reset page an invitation links to, with `{invitation}` where the token goes. */
  invitationUrl: string | undefined;
  /** Called after every password change (see `SsprServiceOptions.onPasswordChanged`). */
  onPasswordChanged: ((userId: string) => Promise<void>) | undefined;
}

/** Who is calling: the signed-in principal (registration, admin) and where from. */
export interface RequestContext {
  /** The signed-in user's directory id; absent for anonymous reset calls. */
  userId?: string;
  /** The caller's address, for per-address throttles. */
  clientAddress?: string;
  /** The language for messages sent on the user's behalf. */
  locale?: Locale;
}
