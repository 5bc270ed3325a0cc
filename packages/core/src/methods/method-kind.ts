import * as z from "zod/mini";

/**
 * The ways a user can prove who they are during a reset, as Entra ID lists them.
 * A registered phone serves both `sms` and `voice`; a reset that needs two methods needs two
 * different registered methods, so the same phone over both channels counts once.
 */
export const resetMethodKinds = ["email", "sms", "voice", "app", "questions"] as const;

/** One of {@link resetMethodKinds}. */
export const resetMethodKindSchema = z.enum(resetMethodKinds);
/** A way to prove identity during a reset. */
export type ResetMethodKind = z.infer<typeof resetMethodKindSchema>;

/** What a user registers: an address, a phone number, an authenticator app or answers. */
export const registeredMethodKinds = ["email", "phone", "app", "questions"] as const;
/** One of {@link registeredMethodKinds}. */
export const registeredMethodKindSchema = z.enum(registeredMethodKinds);
/** A kind of security info a user registers. */
export type RegisteredMethodKind = z.infer<typeof registeredMethodKindSchema>;

/** Channels that carry a one-time code to a registered contact. */
export const deliveryChannels = ["email", "sms", "voice"] as const;
/** One of {@link deliveryChannels}. */
export const deliveryChannelSchema = z.enum(deliveryChannels);
/** A channel that carries a code or a notice. */
export type DeliveryChannel = z.infer<typeof deliveryChannelSchema>;
