import type { BotCheck } from "../adapters/bot-check.js";
import type { Clock } from "../adapters/clock.js";
import type { Counters } from "../adapters/counters.js";
import type { Delivery } from "../adapters/delivery.js";
import type { Directory } from "../adapters/directory.js";
import type { PasswordHasher } from "../adapters/password-hasher.js";
import type { Secrets } from "../adapters/secrets.js";
import type { SsprStore } from "../adapters/store.js";
import { createKeyring } from "../crypto/keyring.js";
import { systemClock } from "../memory/clocks.js";
import { createPolicyOperations } from "./admin-policy.js";
import { createReportOperations } from "./admin-report.js";
import { createAdminUserOperations } from "./admin-users.js";
import type { EngineContext, RequestContext } from "./context.js";
import { defaultLimits, type Limits } from "./limits.js";
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from "./outbox.js";
import { ownPasswordStatus } from "./password-status.js";
import { createRegistrationOperations } from "./registration.js";
import { createResetOperations } from "./reset/reset-operations.js";

/** The adapters and settings of an sspr engine. */
export interface SsprServiceOptions {
  store: SsprStore;
  /** Where the throttles count (default: the store), e.g. Redis shared by every instance. */
  counters?: Counters;
  directory: Directory;
  delivery: Delivery;
  botCheck: BotCheck;
  hasher: PasswordHasher;
  secrets: Secrets;
  clock?: Clock;
  limits?: Partial<Limits>;
  /** Minimum time of every anonymous reset answer (default 250 ms), so timing tells nothing. */
  responseFloorMs?: number;
  /** The name users see in messages and authenticator apps (default "sspr"). */
  appName?: string;
  /** ISO country assumed for phone numbers typed without +country code. */
  defaultCountry?: string;
  /**
   * Called after every change of a user's password, once the directory holds the new one: a
   * self-service reset or an invitation's reset completed, an administrator's temporary or typed
   * password. Not for an unlock (the password stays) or an invitation sent (nothing changed
   * yet). Hosts with sessions of their own end the user's sessions here (OWASP: invalidate
   * sessions after a reset); the built-in bearer tokens need no hook, see `createBearerTokens`'
   * `validAfter`.
   */
  onPasswordChanged?: (userId: string) => Promise<void>;
  /**
   * The portal's reset page, with `{invitation}` where an administrator's invitation token
   * goes (`https://portal.example/forgot?invitation={invitation}`); the page hands the token to
   * `<sspr-reset invitation>`. Without it, administrators cannot send invitations.
   */
  invitationUrl?: string;
  outbox?: OutboxWorkerOptions;
}

/** The engine: every operation, each taking the caller's context first. */
export interface SsprService {
  reset: ReturnType<typeof createResetOperations>;
  registration: ReturnType<typeof createRegistrationOperations>;
  policy: ReturnType<typeof createPolicyOperations>;
  users: ReturnType<typeof createAdminUserOperations>;
  reports: ReturnType<typeof createReportOperations>;
  /** The signed-in user's password status: expired, expires soon, a change due. */
  passwordStatus: (rc: RequestContext) => ReturnType<typeof ownPasswordStatus>;
  /** Carries queued messages to the delivery adapter; start it, or call `runOnce`. */
  outbox: OutboxWorker;
  /** Deletes expired flows, throttle windows and claims; run it now and then (hourly is plenty). */
  purgeExpired(): Promise<number>;
}

/**
 * Creates the engine, the authority that enforces every rule. Pair it with `createLocalApi`
 * for in-process use; the HTTP handler serves the same operations.
 *
 * @example
 * const service = await createSsprService({ store, directory, delivery, botCheck, hasher, secrets });
 * service.outbox.start();
 */
export async function createSsprService(options: SsprServiceOptions): Promise<SsprService> {
  const ctx: EngineContext = {
    store: options.store,
    counters: options.counters ?? options.store,
    directory: options.directory,
    delivery: options.delivery,
    botCheck: options.botCheck,
    hasher: options.hasher,
    clock: options.clock ?? systemClock,
    keyring: await createKeyring(options.secrets),
    limits: { ...defaultLimits, ...options.limits },
    responseFloorMs: options.responseFloorMs ?? 250,
    appName: options.appName ?? "sspr",
    defaultCountry: options.defaultCountry,
    onPasswordChanged: options.onPasswordChanged,
    invitationUrl: options.invitationUrl,
  };
  return {
    reset: createResetOperations(ctx),
    registration: createRegistrationOperations(ctx),
    policy: createPolicyOperations(ctx),
    users: createAdminUserOperations(ctx),
    reports: createReportOperations(ctx),
    passwordStatus: (rc) => ownPasswordStatus(ctx, rc),
    outbox: createOutboxWorker(ctx, options.outbox),
    purgeExpired: () => ctx.store.purgeExpired(ctx.clock.now()),
  };
}
