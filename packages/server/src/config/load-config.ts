import { readFile } from "node:fs/promises";
import { limitsSchema, type ServerConfig, serverConfigSchema } from "./server-config.schema.js";

/** `SSPR_LIMITS_STARTS_PER_ADDRESS_PER_MINUTE` for `limits.startsPerAddressPerMinute`, and so on. */
const limitVariables = Object.fromEntries(
  Object.keys(limitsSchema.shape).map((key) => [
    `SSPR_LIMITS_${key.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}`,
    `limits.${key}`,
  ]),
);

/** The environment variables `sspr` reads, and the configuration key each sets. */
const environment: Record<string, string> = {
  SSPR_LISTEN_HOST: "listen.host",
  SSPR_LISTEN_PORT: "listen.port",
  SSPR_BASE_PATH: "basePath",
  SSPR_DATA_DIR: "dataDir",
  SSPR_DATABASE_URL: "database.url",
  SSPR_REDIS_URL: "redis.url",
  SSPR_REDIS_KEY_PREFIX: "redis.keyPrefix",
  SSPR_OUTBOX_FILE: "delivery.outboxFile",
  SSPR_SMTP_URL: "delivery.smtp.url",
  SSPR_SMTP_FROM: "delivery.smtp.from",
  SSPR_WEBHOOK_URL: "delivery.webhook.url",
  SSPR_WEBHOOK_SECRET: "delivery.webhook.secret",
  SSPR_STATIC_DIR: "static.dir",
  SSPR_INVITATION_URL: "invitationUrl",
  SSPR_TRUST_PROXY: "trustProxy",
  SSPR_DEMO: "demo",
  SSPR_LOG_LEVEL: "log.level",
  ...limitVariables,
};

/** Read by the CLI itself, not configuration keys. */
const commandVariables = new Set(["SSPR_CONFIG"]);

/** A configuration that cannot be used; the message names every bad key. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** An environment variable's text as the value its configuration key takes. */
function fromEnvironment(name: string, value: string): unknown {
  if (name === "SSPR_DEMO") return value === "true";
  if (name === "SSPR_TRUST_PROXY") {
    // `false`, a number of proxies, or their addresses separated by commas.
    if (value === "false" || value === "true") return value === "true";
    if (/^\d+$/.test(value)) return Number(value);
    return value.split(",").map((address) => address.trim());
  }
  return value;
}

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const [head = "", ...rest] = path.split(".");
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const next = target[head];
  const child = typeof next === "object" && next !== null ? (next as Record<string, unknown>) : {};
  target[head] = child;
  setAt(child, rest.join("."), value);
}

/**
 * The server's configuration: the JSON file at `file` (if any), then `SSPR_*` environment
 * variables over it, validated with defaults filled in. Throws a `ConfigError` naming every bad
 * key, unknown variable or unreadable file.
 */
export async function loadConfig(
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServerConfig> {
  let raw: Record<string, unknown> = {};
  if (file) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      throw new ConfigError(
        `Cannot read the configuration file ${file}: ${(error as Error).message}`,
      );
    }
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new ConfigError(
        `The configuration file ${file} is not JSON: ${(error as Error).message}`,
      );
    }
  }
  const unknown: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith("SSPR_") || value === undefined || commandVariables.has(name)) continue;
    const path = environment[name];
    if (!path) unknown.push(name);
    else setAt(raw, path, fromEnvironment(name, value));
  }
  if (unknown.length > 0)
    throw new ConfigError(
      `Unknown environment variable${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")} (known: ${Object.keys(environment).join(", ")})`,
    );
  const result = serverConfigSchema.safeParse(raw);
  if (!result.success)
    throw new ConfigError(
      `Invalid configuration:\n${result.error.issues
        .map((issue) => {
          const where = issue.path.join(".") || "(top level)";
          const keys = issue.code === "unrecognized_keys" ? ` (${issue.keys.join(", ")})` : "";
          return `  ${where}: ${issue.message}${keys}`;
        })
        .join("\n")}`,
    );
  return result.data;
}
