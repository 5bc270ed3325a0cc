import {
  type AdminResetMode,
  auditCsv,
  type BulkProgress,
  type SsprApi,
  SsprProblem,
} from "@sspr/core";
import { createLocalApi } from "@sspr/engine";
import { ConfigError } from "../config/load-config.js";
import type { ServerConfig } from "../config/server-config.schema.js";
import { openEngine } from "../engine/open-engine.js";

/** The options the administrators' commands read. */
interface AdminOptions {
  as?: string | undefined;
  all: boolean;
  temporary: boolean;
  password?: string | undefined;
  sendTo?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  actor?: string | undefined;
  subject?: string | undefined;
  type?: string | undefined;
  csv: boolean;
}

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Prints a bulk run as it goes: one line per user, then the totals. */
async function printProgress(lines: AsyncIterable<BulkProgress>): Promise<void> {
  for await (const line of lines) {
    if (line.type === "start") console.error(`${line.total} users`);
    else if (line.type === "result") {
      const { userId, outcome, reason, temporaryPassword } = line.result;
      console.log([userId, outcome, reason ?? temporaryPassword ?? ""].join("\t").trimEnd());
    } else console.error(`done ${line.done}, skipped ${line.skipped}, failed ${line.failed}`);
  }
}

/**
 * The administrators' commands, run through the engine as the administrator `--as` names, so
 * every rule and every audit line is the same as from the API. Returns false for a command it
 * does not know. Messages (invitations, notices) go out before it returns.
 */
export async function runAdminOperation(
  config: ServerConfig,
  words: string[],
  options: AdminOptions,
): Promise<boolean> {
  const [command, sub, ...ids] = words;
  const known =
    (command === "user" && ["reset", "force-change", "never-expire"].includes(sub ?? "")) ||
    command === "report" ||
    command === "audit";
  if (!known) return false;
  if (!options.as)
    throw new ConfigError(`sspr ${command}: name the administrator who acts with --as <user-id>`);
  const engine = await openEngine(config);
  const api: SsprApi = createLocalApi(engine.service, { userId: options.as });
  try {
    await run(api, command === "user" ? (sub ?? "") : (command ?? ""), ids, options);
    await engine.service.outbox.runOnce();
  } catch (error) {
    if (error instanceof SsprProblem)
      throw new ConfigError(`sspr: ${error.problem.detail ?? error.problem.title} (${error.code})`);
    throw error;
  } finally {
    await engine.close();
  }
  return true;
}

async function run(api: SsprApi, what: string, ids: string[], options: AdminOptions) {
  const selection = options.all ? { all: true as const } : { userIds: ids };
  if (!options.all && ids.length === 0 && (what === "reset" || what === "force-change"))
    throw new ConfigError(`sspr user ${what}: name users, or --all`);
  switch (what) {
    case "reset": {
      const mode: AdminResetMode = options.password
        ? "chosen"
        : options.temporary
          ? "temporary"
          : "invitation";
      if (ids.length === 1 && !options.all) {
        const result = await api.resetUserPassword({
          userId: ids[0] ?? "",
          mode,
          ...(options.password ? { password: options.password } : {}),
          ...(options.sendTo ? { sendTo: options.sendTo } : {}),
        });
        console.log(
          result.temporaryPassword
            ? `Temporary password for ${result.userId}: ${result.temporaryPassword}`
            : `Invitation for ${result.userId} sent to ${(result.sentTo ?? []).join(", ")}`,
        );
        return;
      }
      if (mode === "chosen") throw new ConfigError("sspr user reset: --password is for one user");
      return printProgress(api.bulkResetPasswords({ ...selection, mode }));
    }
    case "force-change":
      return printProgress(api.forcePasswordChange(selection));
    case "never-expire": {
      const [userId, setting] = ids;
      if (!userId || (setting !== "on" && setting !== "off"))
        throw new ConfigError("sspr user never-expire <id> on|off");
      const user = await api.setPasswordNeverExpires({ userId, neverExpires: setting === "on" });
      console.log(`${user.id}: password ${user.password.state}, never expires: ${setting}`);
      return;
    }
    case "report": {
      const to = options.to ?? day(Date.now());
      const from = options.from ?? day(Date.parse(to) - 29 * DAY);
      console.log(JSON.stringify(await api.getUsageReport({ from, to }), null, 2));
      return;
    }
    case "audit": {
      const filter = {
        ...(options.actor ? { actor: options.actor } : {}),
        ...(options.subject ? { subject: options.subject } : {}),
        ...(options.type ? { type: options.type } : {}),
        ...(options.from ? { from: new Date(options.from).toISOString() } : {}),
        ...(options.to ? { to: new Date(options.to).toISOString() } : {}),
      };
      const entries = [];
      for (let offset = 0, more = true; more; offset += 1000) {
        const page = await api.listAuditEvents({ ...filter, offset, limit: 1000 });
        entries.push(...page.entries);
        more = page.more;
      }
      process.stdout.write(
        options.csv ? auditCsv(entries) : `${entries.map((e) => JSON.stringify(e)).join("\n")}\n`,
      );
      return;
    }
  }
}
