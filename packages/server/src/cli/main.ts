import { randomBytes, randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { parseArgs } from "node:util";
import { defaultPolicy, validatePolicy } from "@sspr/core";
import { createBearerTokens } from "@sspr/engine";
import { pino } from "pino";
import { ConfigError, loadConfig } from "../config/load-config.js";
import { loadOrCreateSecrets } from "../config/secrets-file.js";
import { migrateToLatest } from "../db/migrations.js";
import { openDatabase } from "../db/open-database.js";
import { configuredLimits, databaseUrlOf } from "../engine/open-engine.js";
import { startServer } from "../http/start-server.js";
import { runAdminOperation } from "./admin-operations.js";
import { openForAdmin } from "./open-for-admin.js";
import { policyWith } from "./policy-with.js";

const usage = `sspr: self-service password reset

  sspr serve                     run the API (and static files when configured)
  sspr migrate                   bring the database to the newest schema
  sspr user add <id> --email <address> [--name <name>] [--admin] [--password <password>]
  sspr user list
  sspr user disable <id>
  sspr policy show
  sspr limits show               the throttles and lifetimes in force (configured over defaults)
  sspr policy set <key>=<json> …  e.g. methodsRequired=2 password.minLength=15
  sspr token <user-id>           a bearer token for the built-in sign-in

  Administrators' operations, run through the engine as the administrator --as names:
  sspr user reset <id> --as <admin> [--temporary | --password <p>] [--send-to <email>]
                                 an invitation by default; a temporary or typed password if the policy allows
  sspr user reset (<id> … | --all) --as <admin> [--temporary]
  sspr user force-change (<id> … | --all) --as <admin>
  sspr user never-expire <id> on|off --as <admin>
  sspr report [--from YYYY-MM-DD] [--to YYYY-MM-DD] --as <admin>
  sspr audit [--actor <id>] [--subject <id>] [--type <event or prefix.>] [--from] [--to] [--csv] --as <admin>

  --config <file>                a JSON configuration file (or SSPR_CONFIG); SSPR_* variables override it`;

/** Users `sspr user list` reads per query. */
const USERS_PER_PAGE = 500;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: "string" },
      email: { type: "string" },
      name: { type: "string" },
      admin: { type: "boolean", default: false },
      password: { type: "string" },
      as: { type: "string" },
      all: { type: "boolean", default: false },
      temporary: { type: "boolean", default: false },
      "send-to": { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      actor: { type: "string" },
      subject: { type: "string" },
      type: { type: "string" },
      csv: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, sub, ...rest] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return command || values.help ? 0 : 2;
  }
  const config = await loadConfig(values.config ?? process.env.SSPR_CONFIG);
  await mkdir(config.dataDir, { recursive: true });

  if (command === "serve") {
    const log = pino({ level: config.log.level, redact: ["*.password", "*.secret", "*.key"] });
    const server = await startServer(config, log);
    await new Promise<void>((resolve) => {
      for (const signal of ["SIGTERM", "SIGINT"] as const)
        process.once(signal, () => {
          log.info({ signal }, "stopping");
          resolve();
        });
    });
    await server.close();
    return 0;
  }
  if (command === "migrate") {
    const database = openDatabase(databaseUrlOf(config));
    try {
      const applied = await migrateToLatest(database.db, database.dialect);
      console.log(applied.length ? `Applied ${applied.join(", ")}` : "The database is up to date");
    } finally {
      await database.db.destroy();
    }
    return 0;
  }
  if (command === "limits" && sub === "show") {
    console.log(JSON.stringify(configuredLimits(config), null, 2));
    return 0;
  }
  if (command === "token") {
    if (!sub) throw new ConfigError("sspr token <user-id>");
    const secrets = config.secrets ?? (await loadOrCreateSecrets(config.dataDir));
    // Issues only, never authenticates: `sspr serve` checks each token against the password.
    const tokens = createBearerTokens({
      secret: secrets.tokenSecret,
      validAfter: async () => null,
    });
    console.log(await tokens.issue(sub));
    return 0;
  }
  if (
    await runAdminOperation(config, positionals, {
      ...values,
      sendTo: values["send-to"],
    })
  )
    return 0;
  const admin = await openForAdmin(config);
  try {
    if (command === "user" && sub === "add" && rest[0] && values.email) {
      const password = values.password ?? randomBytes(12).toString("base64url");
      await admin.directory.addUser(
        {
          id: rest[0],
          identifiers: [values.email],
          displayName: values.name ?? rest[0],
          groups: [],
          isAdmin: values.admin,
          disabled: false,
          locked: false,
        },
        password,
      );
      console.log(
        values.password ? `Added ${rest[0]}` : `Added ${rest[0]} with password ${password}`,
      );
      return 0;
    }
    if (command === "user" && sub === "list") {
      // A page at a time, so a large directory is never held in memory at once.
      for (let offset = 0, total = 1; offset < total; offset += USERS_PER_PAGE) {
        const page = await admin.directory.listUsers({ offset, limit: USERS_PER_PAGE });
        total = page.total;
        for (const user of page.users)
          console.log(
            [
              user.id,
              user.identifiers.join(","),
              user.displayName,
              user.isAdmin ? "admin" : "",
              user.disabled ? "disabled" : "",
            ]
              .join("\t")
              .trimEnd(),
          );
      }
      return 0;
    }
    if (command === "user" && sub === "disable" && rest[0]) {
      if (!(await admin.directory.updateUser(rest[0], { disabled: true })))
        throw new ConfigError(`No user ${rest[0]}`);
      console.log(`Disabled ${rest[0]}`);
      return 0;
    }
    if (command === "policy" && sub === "show") {
      const saved = await admin.store.getPolicy();
      console.log(JSON.stringify(saved ?? { policy: defaultPolicy, version: 0 }, null, 2));
      return 0;
    }
    if (command === "policy" && sub === "set" && rest.length > 0) {
      const saved = await admin.store.getPolicy();
      const policy = policyWith(saved?.policy ?? defaultPolicy, rest);
      const errors = validatePolicy(policy);
      if (errors.length > 0)
        throw new ConfigError(
          `The policy is not valid:\n${errors.map((e) => `  ${e.path}: ${e.message}`).join("\n")}`,
        );
      if (!(await admin.store.savePolicy(policy, saved?.version ?? 0)))
        throw new ConfigError("Someone saved the policy meanwhile; run the command again");
      await admin.store.appendAudit({
        id: randomUUID(),
        at: Date.now(),
        type: "policy.saved",
        actor: null,
        subject: null,
        outcome: "success",
        detail: { via: "cli", version: (saved?.version ?? 0) + 1 },
      });
      console.log(`Saved the policy as version ${(saved?.version ?? 0) + 1}`);
      return 0;
    }
  } finally {
    await admin.close();
  }
  console.error(usage);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    // A bad configuration or an unreachable database: say what, and exit non-zero.
    console.error(error instanceof ConfigError ? error.message : `sspr: ${error.message}`);
    process.exit(1);
  },
);
