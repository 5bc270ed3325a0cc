import { type ResetFlow, type SsprApi, SsprProblem } from "@sspr/core";
import { createLocalApi } from "@sspr/engine";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load-config.js";
import { openEngine } from "../src/engine/open-engine.js";
import { sharedDeployment, type smtpOn } from "./deployment.js";
import { startReset, startServerProcess } from "./server-process.js";
import { postgresAvailable, redisAvailable } from "./services.js";

const ready = (await postgresAvailable()) && (await redisAvailable());

/** How a code request ended: "sent", or the problem's code. */
async function chooseEmail(api: SsprApi, flow: ResetFlow, contact: string) {
  const method = flow.methods.find((m) => m.kind === "email") ?? flow.methods[0];
  return api.chooseMethod({ flowId: flow.flowId, methodId: method?.id ?? "", contact }).then(
    () => "sent",
    (error) => (error instanceof SsprProblem ? error.code : String(error)),
  );
}

/** Total variation distance between two samples' distributions of a category. */
function distance(a: string[], b: string[]): number {
  const share = (xs: string[], k: string) => xs.filter((x) => x === k).length / xs.length;
  const keys = new Set([...a, ...b]);
  return [...keys].reduce((sum, k) => sum + Math.abs(share(a, k) - share(b, k)), 0) / 2;
}

const shapeOf = (flow: ResetFlow) => flow.methods.map((m) => m.kind).join("+");

/**
 * People with registered contacts, put in through the server's own engine on the shared
 * database (as registrations through either instance would): a third with two addresses, a
 * third with an address that starts with a digit.
 */
async function seedPeople(env: Record<string, string>, smtp: Awaited<ReturnType<typeof smtpOn>>) {
  const engine = await openEngine(await loadConfig(undefined, env));
  try {
    const register = async (userId: string, value: string) => {
      const api = createLocalApi(engine.service, { userId });
      const pending = await api.addContactMethod({ kind: "email", value });
      await engine.service.outbox.runOnce();
      const code = await smtp.code(value, 1);
      await api.verifyContactMethod({ pendingId: pending.pendingId, code });
    };
    const ids: string[] = [];
    for (let i = 0; i < 18; i++) {
      const id = `user${i}`;
      await engine.directory.addUser(
        {
          id,
          identifiers: [`${id}@contoso.com`],
          displayName: id,
          groups: ["staff"],
          isAdmin: false,
          disabled: false,
          locked: false,
        },
        "an old password for everyone",
      );
      await register(id, `${i % 3 === 0 ? i : "m"}x${i}@example.org`);
      if (i % 3 === 1) await register(id, `second${i}@example.net`);
      ids.push(`${id}@contoso.com`);
    }
    return ids;
  } finally {
    await engine.close();
  }
}

describe.runIf(ready)(
  "an outside attacker against two sspr serve processes on PostgreSQL and Redis",
  () => {
    it("cannot tell real users from decoys by the send throttle, the method sets or the hints", async () => {
      const { env, smtp, close } = await sharedDeployment();
      // One attacker address would be stopped at ten starts a minute; this looks past that wall.
      const deployment = { ...env, SSPR_LIMITS_STARTS_PER_ADDRESS_PER_MINUTE: "100000" };
      try {
        const real = await seedPeople(deployment, smtp);
        const [a, b] = await Promise.all([
          startServerProcess(deployment),
          startServerProcess(deployment),
        ]);
        const servers = [a, b];
        const on = (i: number) => servers[i % 2] as (typeof servers)[number];

        // Six code requests, alternating between the instances, each in a flow of its own.
        const sixSends = async (identifier: string, contact: string) => {
          const answers: string[] = [];
          for (let i = 0; i < 6; i++)
            answers.push(
              await chooseEmail(on(i).api, await startReset(on(i + 1).api, identifier), contact),
            );
          return answers;
        };
        const refusedSixth = ["sent", "sent", "sent", "sent", "sent", "throttled"];
        expect(await sixSends("nobody@contoso.com", "x@example.org")).toEqual(refusedSixth);
        expect(await sixSends("user1@contoso.com", "wrong@example.org")).toEqual(refusedSixth);
        expect(await sixSends("user1@contoso.com", "mx1@example.org")).toEqual(refusedSixth);

        const realFlows = await Promise.all(real.map((id, i) => startReset(on(i).api, id)));
        const decoyFlows = await Promise.all(
          Array.from({ length: 90 }, (_, i) => startReset(on(i).api, `unknown${i}@contoso.com`)),
        );
        const [realShapes, decoyShapes] = [realFlows.map(shapeOf), decoyFlows.map(shapeOf)];
        expect(distance(realShapes, decoyShapes)).toBeLessThan(0.25);
        expect(decoyShapes).toContain("email+email");
        const firstChars = (flow: ResetFlow) =>
          flow.methods.map((m) => (/^\d/.test(m.hint) ? "digit" : "letter"));
        expect(
          distance(realFlows.flatMap(firstChars), decoyFlows.flatMap(firstChars)),
        ).toBeLessThan(0.2);
        // One identifier answers the same shape on both instances, flow after flow.
        const again = await Promise.all([
          startReset(a.api, "unknown7@contoso.com"),
          startReset(b.api, "unknown7@contoso.com"),
        ]);
        expect(again.map(shapeOf)).toEqual([
          shapeOf(decoyFlows[7] as ResetFlow),
          shapeOf(decoyFlows[7] as ResetFlow),
        ]);

        expect(await Promise.all([a.stop(), b.stop()])).toEqual([0, 0]);
      } finally {
        await close();
      }
    }, 180_000);
  },
);
