import proxyAddr from "proxy-addr";
import { z } from "zod";

const databaseUrl = z
  .string()
  .refine(
    (url) => /^sqlite:.+/.test(url) || (URL.canParse(url) && /^postgres(ql)?:\/\//.test(url)),
    {
      message: "Use sqlite:<file> or postgres://user@host:port/database",
    },
  );

/** Addresses and subnets proxy-addr understands, with its names `loopback`, `linklocal`, `uniquelocal`. */
const proxyAddresses = z
  .array(z.string().min(1))
  .min(1)
  .refine(
    (addresses) => {
      try {
        proxyAddr.compile(addresses);
        return true;
      } catch {
        return false;
      }
    },
    { message: "Addresses or subnets such as 10.0.0.1, 10.0.0.0/8 or loopback" },
  );

const trustProxySchema = z.union(
  [z.literal(false), z.number().int().min(1).max(10), proxyAddresses],
  {
    error: "false, the number of proxies in front (1 for one load balancer), or their addresses",
  },
);
/** Which proxies' X-Forwarded-For entries the server believes. */
export type TrustProxy = z.output<typeof trustProxySchema>;

/** A whole number of a limit, within bounds that keep the service both usable and safe. */
const bounded = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

/**
 * The engine's throttles and lifetimes (`Limits`); each unset one keeps its default. The bounds
 * stop a typo from switching a protection off (no 0 tries) or locking everyone out for a year.
 */
export const limitsSchema = z.strictObject({
  sendsPerMethodPerHour: bounded(1, 50),
  verifyFailuresPerHour: bounded(1, 50),
  blockHours: bounded(1, 168),
  startsPerAddressPerMinute: bounded(1, 100_000),
  attemptsPerCode: bounded(1, 10),
  resendCooldownSeconds: bounded(0, 600),
  flowMinutes: bounded(5, 60),
  invitationHours: bounded(1, 168),
});

const secretKey = z.strictObject({
  id: z.string().regex(/^[\w-]{1,16}$/),
  key: z.string().min(43, "At least 32 random bytes as base64url"),
});

/** The server's secrets: the engine's keys and the bearer tokens' signing secret. */
export const serverSecretsSchema = z.strictObject({
  hmacKeys: z.array(secretKey).min(1),
  encryptionKeys: z.array(secretKey).min(1),
  tokenSecret: z.string().min(32),
});
/** The server's secrets. */
export type ServerSecrets = z.output<typeof serverSecretsSchema>;

/**
 * `sspr serve`'s configuration: a JSON file (`--config`, `SSPR_CONFIG`) overlaid with `SSPR_*`
 * environment variables. Every object is strict, so a misspelt key is an error that names it.
 */
export const serverConfigSchema = z.strictObject({
  listen: z
    .strictObject({
      host: z.string().min(1).default("127.0.0.1"),
      port: z.coerce.number().int().min(0).max(65535).default(8080),
    })
    .prefault({}),
  /** Where the API is mounted. */
  basePath: z
    .string()
    .regex(/^\/[\w/-]*$/, "A path such as /sspr")
    .default("/sspr"),
  /** Where generated secrets and the default SQLite file live. */
  dataDir: z.string().min(1).default("./sspr-data"),
  /** Default: `sqlite:<dataDir>/sspr.db`. */
  database: z.strictObject({ url: databaseUrl }).optional(),
  /** Limits and counters shared by every instance; default: the database. */
  redis: z
    .strictObject({
      url: z.url({ protocol: /^rediss?$/ }),
      /** Put in front of every key, so several deployments can share one Redis. */
      keyPrefix: z.string().default("sspr:"),
    })
    .optional(),
  limits: limitsSchema.prefault({}),
  /** Default: generated once into `<dataDir>/secrets.json` (fine for one instance). */
  secrets: serverSecretsSchema.optional(),
  delivery: z
    .strictObject({
      /** Messages appended as JSON lines: the demo's dev inbox. Default when nothing else is set. */
      outboxFile: z.string().min(1).optional(),
      smtp: z
        .strictObject({ url: z.url({ protocol: /^smtps?$/ }), from: z.string().min(3) })
        .optional(),
      webhook: z
        .strictObject({ url: z.url({ protocol: /^https?$/ }), secret: z.string().min(32) })
        .optional(),
    })
    .prefault({}),
  /**
   * The portal's reset page for administrators' reset invitations, with `{invitation}` where
   * the token goes (`https://portal.example/forgot?invitation={invitation}`).
   */
  invitationUrl: z
    .string()
    .regex(/^https?:\/\/\S*\{invitation\}/, "An http(s) URL with {invitation} in it")
    .optional(),
  /** Static files (a portal page, the demo) served beside the API. */
  static: z.strictObject({ dir: z.string().min(1) }).optional(),
  /** The demo portal's extras at `/demo`: seeded users, sign-in, the dev inbox. Never in production. */
  demo: z.boolean().default(false),
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For): `false`, none (the
   * socket's address is the client's); a number, that many proxies in front (1 for one load
   * balancer); or the proxies' addresses and subnets (`10.0.0.0/8`, `loopback`). Counted from the
   * right: entries a client wrote itself are never believed.
   */
  trustProxy: trustProxySchema.default(false),
  log: z
    .strictObject({
      level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    })
    .prefault({}),
});

/** The configuration with its defaults. */
export type ServerConfig = z.output<typeof serverConfigSchema>;
