import { createHttpApi, type SsprApi } from "@sspr/core";
import {
  createAltchaBotCheck,
  createBearerTokens,
  createHttpHandler,
  createLocalApi,
  createSsprService,
  type DirectoryUser,
  generateSecretKey,
  MemoryDelivery,
  MemoryDirectory,
  MemoryStore,
  type PasswordHasher,
  passwordChangedAt,
  type SsprServiceOptions,
  systemClock,
} from "@sspr/engine";
import { http } from "msw";
import { setupWorker } from "msw/browser";

/**
 * PBKDF2 through WebCrypto, for the engine running inside the test page (argon2id is native
 * and lives on the server). Salted and slow enough to be a real hash, never for production.
 */
const pageHasher: PasswordHasher = {
  async hash(secret) {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    return `${btoa(String.fromCharCode(...salt))}$${await derive(secret, salt)}`;
  },
  async verify(stored, secret) {
    const [salt = "", hash] = stored.split("$");
    try {
      return (
        hash ===
        (await derive(
          secret,
          Uint8Array.from(atob(salt), (c) => c.charCodeAt(0)),
        ))
      );
    } catch {
      return false;
    }
  },
};

async function derive(secret: string, salt: Uint8Array<ArrayBuffer>): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations: 10_000 },
    key,
    256,
  );
  return btoa(String.fromCharCode(...new Uint8Array(bits)));
}

const anna: DirectoryUser = {
  id: "anna",
  identifiers: ["anna@contoso.com"],
  displayName: "Anna de Vries",
  groups: [],
  isAdmin: false,
  disabled: false,
  locked: false,
};

/** Anna's security answers, when the policy allows questions. */
export const questionAnswers = [
  { questionId: "first-pet", answer: "Minoes" },
  { questionId: "parents-met", answer: "Amsterdam" },
  { questionId: "first-school", answer: "Regenboog" },
];

/**
 * The real engine inside the page, its HTTP handler, Anna with an email address registered,
 * Ben with nothing registered, and an administrator (`admin`). Its clock runs with the page's,
 * `advanceClock` moves it on.
 */
export async function pageEngine(
  options: Pick<SsprServiceOptions, "limits"> & { questions?: boolean } = {},
) {
  const { questions = false, ...serviceOptions } = options;
  // A token counts only when issued after the user's last password change, to the millisecond.
  // Tests add a user and sign in at once; dating the passwords a millisecond early keeps that
  // from falling in the same millisecond (the rule itself is tested in the engine and server).
  const directory = new MemoryDirectory({ hasher: pageHasher, now: () => Date.now() - 1 });
  await directory.addUser(anna, "an old password of anna");
  const delivery = new MemoryDelivery();
  let skew = 0;
  const advanceClock = (ms: number) => {
    skew += ms;
  };
  const service = await createSsprService({
    clock: { now: () => Date.now() + skew, sleep: systemClock.sleep },
    store: new MemoryStore(),
    directory,
    delivery,
    hasher: pageHasher,
    botCheck: createAltchaBotCheck({ hmacKey: generateSecretKey(), cost: 10 }),
    secrets: {
      hmacKeys: [{ id: "h", key: generateSecretKey() }],
      encryptionKeys: [{ id: "e", key: generateSecretKey() }],
    },
    responseFloorMs: 0,
    invitationUrl: `${location.origin}/forgot?invitation={invitation}`,
    ...serviceOptions,
  });
  const tokens = createBearerTokens({
    secret: generateSecretKey(),
    validAfter: passwordChangedAt(directory),
  });
  const handler = createHttpHandler(service, {
    basePath: "/sspr",
    authenticate: tokens.authenticate,
  });
  /** The last code the outbox delivered to an address. */
  const codeSentTo = async (to: string) => {
    await service.outbox.runOnce();
    return (
      delivery.sent
        .filter((m) => m.to === to)
        .at(-1)
        ?.text.match(/\d{8}/)?.[0] ?? ""
    );
  };
  const annaApi = createLocalApi(service, { userId: "anna" });
  const pending = await annaApi.addContactMethod({ kind: "email", value: "anna@example.org" });
  await annaApi.verifyContactMethod({
    pendingId: pending.pendingId,
    code: await codeSentTo("anna@example.org"),
  });
  await directory.addUser(
    { ...anna, id: "ben", identifiers: ["ben@contoso.com"], displayName: "Ben Bakker" },
    "an old password of ben",
  );
  await directory.addUser(
    { ...anna, id: "admin", identifiers: ["admin@contoso.com"], isAdmin: true },
    "an admin password",
  );
  if (questions) {
    const admin = createLocalApi(service, { userId: "admin" });
    const { policy, version } = await admin.getPolicy();
    await admin.savePolicy({
      policy: { ...policy, methods: { ...policy.methods, questions: true } },
      version,
    });
    await annaApi.setSecurityQuestions({ answers: questionAnswers });
  }
  /**
   * Serves the handler at `/sspr` through msw's service worker, so an element configured with
   * nothing but `endpoint="/sspr"` reaches the real engine with the page's own fetch.
   */
  const serve = async () => {
    const worker = setupWorker(
      http.all("/sspr/*", ({ request }) => handler(request, { clientAddress: "203.0.113.2" })),
    );
    await worker.start({ quiet: true, onUnhandledRequest: "bypass" });
    return () => worker.stop();
  };
  /** The engine over HTTP, through its real fetch handler. */
  const api: SsprApi = createHttpApi({
    endpoint: "/sspr",
    fetch: (input, init) =>
      handler(new Request(new URL(String(input), location.href), init), {
        clientAddress: "203.0.113.1",
      }),
  });
  /** The engine over HTTP as a signed-in user (`anna`, or `admin`, an administrator). */
  const apiFor = (userId: string): SsprApi =>
    createHttpApi({
      endpoint: "/sspr",
      headers: async () => ({ authorization: `Bearer ${await tokens.issue(userId)}` }),
      fetch: (input, init) =>
        handler(new Request(new URL(String(input), location.href), init), {
          clientAddress: "203.0.113.3",
        }),
    });
  return { api, apiFor, service, directory, delivery, codeSentTo, serve, advanceClock };
}
