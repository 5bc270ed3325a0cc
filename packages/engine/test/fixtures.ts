import {
  createHttpApi,
  defaultPolicy,
  type Policy,
  type SsprApi,
  solveBotChallenge,
} from "@sspr/core";
import * as OTPAuth from "otpauth";
import type { DirectoryUser } from "../src/adapters/directory.js";
import { createAltchaBotCheck } from "../src/bot/altcha-bot-check.js";
import { generateSecretKey } from "../src/crypto/keyring.js";
import { createArgon2Hasher } from "../src/hashers/argon2-hasher.js";
import { createBearerTokens, passwordChangedAt } from "../src/http/bearer-tokens.js";
import { createHttpHandler, type HttpHandlerOptions } from "../src/http/create-http-handler.js";
import { createLocalApi } from "../src/local-api.js";
import { ManualClock } from "../src/memory/clocks.js";
import { MemoryDelivery } from "../src/memory/memory-delivery.js";
import { MemoryDirectory } from "../src/memory/memory-directory.js";
import { MemoryStore } from "../src/memory/memory-store.js";
import type { RequestContext } from "../src/service/context.js";
import { createSsprService, type SsprServiceOptions } from "../src/service/create-service.js";

/** The people every engine test starts with; each one's password is `${id}-Old-Passw0rd!`. */
const people = {
  anna: {
    id: "anna",
    identifiers: ["anna@contoso.com", "anna"],
    displayName: "Anna de Vries",
    groups: ["staff"],
    isAdmin: false,
    disabled: false,
    locked: false,
  },
  bob: {
    id: "bob",
    identifiers: ["bob@contoso.com"],
    displayName: "Bob Admin",
    groups: ["it"],
    isAdmin: true,
    disabled: false,
    locked: false,
  },
  carl: {
    id: "carl",
    identifiers: ["carl@contoso.com"],
    displayName: "Carl Nieuw",
    groups: ["staff"],
    isAdmin: false,
    disabled: false,
    locked: false,
  },
  dave: {
    id: "dave",
    identifiers: ["dave@contoso.com"],
    displayName: "Dave Weg",
    groups: ["staff"],
    isAdmin: false,
    disabled: true,
    locked: false,
  },
  erin: {
    id: "erin",
    identifiers: ["erin@contoso.com"],
    displayName: "Erin Locked",
    groups: ["staff"],
    isAdmin: false,
    disabled: false,
    locked: true,
  },
} satisfies Record<string, DirectoryUser>;

export const oldPassword = (id: string) => `${id}-Old-Passw0rd!`;
export const NEW_PASSWORD = "correct horse battery staple";

/** A real engine on memory adapters, a manual clock and the real argon2 and ALTCHA adapters. */
export async function createTestEngine(
  overrides: Partial<SsprServiceOptions> & { policy?: Partial<Policy> } = {},
) {
  const clock = new ManualClock();
  const hasher = overrides.hasher ?? createArgon2Hasher();
  const store = new MemoryStore();
  const directory = new MemoryDirectory({ hasher, now: () => clock.now() });
  const delivery = new MemoryDelivery();
  const botCheck = createAltchaBotCheck({ hmacKey: generateSecretKey(), clock, cost: 10 });
  const secrets = {
    hmacKeys: [{ id: "h1", key: generateSecretKey() }],
    encryptionKeys: [{ id: "e1", key: generateSecretKey() }],
  };
  // The people set their passwords before the test begins: a token issued at its first instant
  // is issued after that change, as it would be in life, so it counts.
  const start = clock.now();
  clock.set(start - 1);
  for (const person of Object.values(people))
    await directory.addUser(person, oldPassword(person.id));
  clock.set(start);
  const { policy: policyOverride, ...options } = overrides;
  const service = await createSsprService({
    store,
    directory,
    delivery,
    botCheck,
    hasher,
    secrets,
    clock,
    responseFloorMs: 200,
    invitationUrl: "https://portal.test/forgot?invitation={invitation}",
    ...options,
  });
  const admin = createLocalApi(service, { userId: "bob" });
  if (policyOverride) {
    const current = await admin.getPolicy();
    await admin.savePolicy({
      policy: { ...defaultPolicy, ...policyOverride },
      version: current.version,
    });
  }

  /** The last code sent to an address, after the outbox worker ran. */
  async function codeSentTo(to: string): Promise<string> {
    // A round sends what it can take; a message another sender holds arrives a moment later.
    for (let round = 0; round < 20; round++) {
      await service.outbox.runOnce();
      const message = delivery.sent.filter((m) => m.to === to).at(-1);
      const code = message?.text.match(/\b\d{6,10}\b/)?.[0];
      if (code) return code;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`No code was sent to ${to}`);
  }

  /** The user's API, signed in. */
  const as = (userId: string, context: RequestContext = {}): SsprApi =>
    createLocalApi(service, { userId, ...context });
  /** An anonymous API from an address. */
  const anonymous = (clientAddress = "198.51.100.1"): SsprApi =>
    createLocalApi(service, { clientAddress });

  async function registerContact(
    userId: string,
    kind: "email" | "phone",
    value: string,
    to = value,
  ) {
    const api = as(userId);
    const pending = await api.addContactMethod({ kind, value });
    return api.verifyContactMethod({ pendingId: pending.pendingId, code: await codeSentTo(to) });
  }

  /** Registers an authenticator app and returns a generator of its codes at the engine's time. */
  async function registerApp(userId: string) {
    const api = as(userId);
    const pending = await api.beginAppRegistration();
    const totp = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(pending.secret),
      digits: 6,
      period: 30,
    });
    const codeAt = () => totp.generate({ timestamp: clock.now() });
    await api.verifyAppRegistration({ pendingId: pending.pendingId, code: codeAt() });
    clock.advance(30_000);
    return { codeAt, pending };
  }

  /** A started reset, bot check solved for real. */
  async function startReset(identifier: string, api: SsprApi = anonymous()) {
    const botProof = await solveBotChallenge(await api.getBotChallenge());
    return api.startReset({ identifier, botProof });
  }

  return {
    service,
    store,
    directory,
    delivery,
    clock,
    hasher,
    secrets,
    admin,
    as,
    anonymous,
    codeSentTo,
    registerContact,
    registerApp,
    startReset,
  };
}

export type TestEngine = Awaited<ReturnType<typeof createTestEngine>>;

/** Anna with an email address and a phone number registered. */
export async function withRegisteredAnna(engine: TestEngine) {
  await engine.registerContact("anna", "email", "anna.private@example.org");
  await engine.registerContact("anna", "phone", "+31 6 12345678", "+31612345678");
}

/** Expects a promise to reject with an SsprProblem of this code. */
export async function problemOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error && typeof error === "object" && "code" in error) return String(error.code);
    throw error;
  }
  throw new Error("Expected a problem, got success");
}

/** A policy part that allows security questions, and three answers to register. */
export const WITH_QUESTIONS = {
  methods: { email: true, sms: true, voice: false, app: true, questions: true },
};
export const QUESTION_ANSWERS = [
  { questionId: "first-pet", answer: "Minoes" },
  { questionId: "parents-met", answer: "Amsterdam" },
  { questionId: "first-school", answer: "De Regenboog" },
];

/** Anna's registered email address. */
export const ANNA_EMAIL = "anna.private@example.org";

/** Anna registered, a reset started and her email address chosen: the flow waits for the code. */
export async function annaAwaitingEmailCode(engine: TestEngine) {
  await withRegisteredAnna(engine);
  const api = engine.anonymous();
  const flow = await engine.startReset("anna", api);
  const methodId = flow.methods[0]?.id ?? "";
  const chosen = await api.chooseMethod({ flowId: flow.flowId, methodId, contact: ANNA_EMAIL });
  return { api, flowId: flow.flowId, methodId, chosen };
}

/** As {@link annaAwaitingEmailCode}, with the code verified: the flow waits for a password. */
export async function annaReadyForPassword(engine: TestEngine) {
  const awaiting = await annaAwaitingEmailCode(engine);
  await awaiting.api.verifyCode({
    flowId: awaiting.flowId,
    code: await engine.codeSentTo(ANNA_EMAIL),
  });
  return awaiting;
}

/** The engine behind its HTTP handler, with bearer tokens, and `SsprApi`s that call it over HTTP. */
export function createHttpFixture(engine: TestEngine, options: HttpHandlerOptions = {}) {
  const tokens = createBearerTokens({
    secret: generateSecretKey(),
    now: () => engine.clock.now(),
    validAfter: passwordChangedAt(engine.directory),
  });
  const handler = createHttpHandler(engine.service, {
    basePath: "/sspr",
    authenticate: tokens.authenticate,
    ...options,
  });
  const call = (request: Request, clientAddress = "198.51.100.1") =>
    handler(request, { clientAddress });
  const over = (token?: () => Promise<string>): SsprApi =>
    createHttpApi({
      endpoint: "http://portal.test/sspr/",
      fetch: (input, init) => call(new Request(input, init)),
      ...(token ? { headers: async () => ({ authorization: `Bearer ${await token()}` }) } : {}),
    });
  /** An `SsprApi` over HTTP, signed in as `userId` (a new token per call) when given. */
  const api = (userId?: string): SsprApi => over(userId ? () => tokens.issue(userId) : undefined);
  /** An `SsprApi` over HTTP that sends this one token with every call, as a thief would. */
  const withToken = (token: string): SsprApi => over(async () => token);
  return { tokens, handler, call, api, withToken };
}

/** The invitation link's token in the newest message to `to`. */
export async function invitationSentTo(engine: TestEngine, to: string): Promise<string> {
  await engine.service.outbox.runOnce();
  const text = engine.delivery.sent.filter((m) => m.to === to).at(-1)?.text ?? "";
  const token = text.match(/invitation=([A-Za-z0-9_-]+)/)?.[1];
  if (!token) throw new Error(`No invitation to ${to}: ${text}`);
  return token;
}

/** Erin (locked out by the directory) with an email registered, her methods verified. */
export async function erinVerified(engine: TestEngine) {
  await engine.registerContact("erin", "email", "erin@example.org");
  const api = engine.anonymous();
  const flow = await engine.startReset("erin@contoso.com", api);
  await api.chooseMethod({
    flowId: flow.flowId,
    methodId: flow.methods[0]?.id ?? "",
    contact: "erin@example.org",
  });
  const verified = await api.verifyCode({
    flowId: flow.flowId,
    code: await engine.codeSentTo("erin@example.org"),
  });
  return { api, flowId: flow.flowId, verified };
}
