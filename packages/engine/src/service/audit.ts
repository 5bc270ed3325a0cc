import type { AuditEvent } from "../adapters/store.js";
import { randomId } from "../crypto/random.js";
import type { EngineContext } from "./context.js";

/** What an audit line says; the engine adds id and time. Never a secret in `detail`. */
type AuditEntry = Omit<AuditEvent, "id" | "at">;

/** Appends one line to the audit trail. */
export async function audit(ctx: EngineContext, entry: AuditEntry): Promise<void> {
  await ctx.store.appendAudit({ id: randomId(), at: ctx.clock.now(), ...entry });
}
