export type { BotCheck, BotVerdict } from "./adapters/bot-check.js";
export type { Clock } from "./adapters/clock.js";
export type { Counters } from "./adapters/counters.js";
export type { Delivery, OutboundMessage } from "./adapters/delivery.js";
export type { Directory, DirectoryUser, PasswordState, UserQuery } from "./adapters/directory.js";
export type { PasswordHasher } from "./adapters/password-hasher.js";
export type { SecretKey, Secrets } from "./adapters/secrets.js";
export type * from "./adapters/store.js";
export { type AltchaBotCheckOptions, createAltchaBotCheck } from "./bot/altcha-bot-check.js";

export { generateSecretKey } from "./crypto/keyring.js";
export {
  type Authenticate,
  type BearerTokens,
  createBearerTokens,
  type Principal,
  passwordChangedAt,
  type ValidAfter,
} from "./http/bearer-tokens.js";
export {
  createHttpHandler,
  type FailedRequest,
  type FetchHandler,
  type HttpHandlerOptions,
  type RequestInfo,
} from "./http/create-http-handler.js";
export { openApiDocument } from "./http/openapi.js";
export { createLocalApi } from "./local-api.js";
export { ManualClock, systemClock } from "./memory/clocks.js";
export { MemoryDelivery } from "./memory/memory-delivery.js";
export { MemoryDirectory } from "./memory/memory-directory.js";
export { MemoryStore } from "./memory/memory-store.js";
export type { RequestContext } from "./service/context.js";
export {
  createSsprService,
  type SsprService,
  type SsprServiceOptions,
} from "./service/create-service.js";
export { defaultLimits, type Limits } from "./service/limits.js";
export type { OutboxRound, OutboxWorker, OutboxWorkerOptions } from "./service/outbox.js";
