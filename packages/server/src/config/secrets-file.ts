import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generateSecretKey } from "@sspr/engine";
import { ConfigError } from "./load-config.js";
import { type ServerSecrets, serverSecretsSchema } from "./server-config.schema.js";

/**
 * The secrets in `<dataDir>/secrets.json`, generated on first start (readable by the owner
 * only), so one instance needs no set-up. Several instances must share secrets: configure them.
 */
export async function loadOrCreateSecrets(dataDir: string): Promise<ServerSecrets> {
  const file = join(dataDir, "secrets.json");
  const fresh: ServerSecrets = {
    hmacKeys: [{ id: "h1", key: generateSecretKey() }],
    encryptionKeys: [{ id: "e1", key: generateSecretKey() }],
    tokenSecret: generateSecretKey(),
  };
  try {
    // "wx": of two processes starting at once, one writes and both read the same file.
    await writeFile(file, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const parsed = serverSecretsSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success) throw new ConfigError(`${file} does not hold valid secrets`);
  return parsed.data;
}
