// A whole self-service reset, headless and in memory: register an email address, forget the
// password, reset it. Run it with `npm run example`.
import { solveBotChallenge } from "@sspr/core";
import {
  createAltchaBotCheck,
  createLocalApi,
  createSsprService,
  generateSecretKey,
  MemoryDelivery,
  MemoryDirectory,
  MemoryStore,
} from "@sspr/engine";
import { createArgon2Hasher } from "@sspr/engine/argon2";

const hasher = createArgon2Hasher();
const directory = new MemoryDirectory({ hasher });
await directory.addUser(
  {
    id: "anna",
    identifiers: ["anna@contoso.com"],
    displayName: "Anna de Vries",
    groups: [],
    isAdmin: false,
    disabled: false,
    locked: false,
  },
  "an old password I forgot",
);
const delivery = new MemoryDelivery();
const service = await createSsprService({
  store: new MemoryStore(),
  directory,
  delivery,
  hasher,
  botCheck: createAltchaBotCheck({ hmacKey: generateSecretKey() }),
  secrets: {
    hmacKeys: [{ id: "h1", key: generateSecretKey() }],
    encryptionKeys: [{ id: "e1", key: generateSecretKey() }],
  },
});
/** The code in the last message the outbox delivered. */
const lastCode = async () => {
  await service.outbox.runOnce();
  return delivery.sent.at(-1)?.text.match(/\d{8}/)?.[0] ?? "";
};

// Signed in, Anna registers an email address: it is saved once its code verifies.
const anna = createLocalApi(service, { userId: "anna" });
const pending = await anna.addContactMethod({ kind: "email", value: "anna@example.org" });
await anna.verifyContactMethod({ pendingId: pending.pendingId, code: await lastCode() });

// Later she has forgotten her password.
const api = createLocalApi(service, { clientAddress: "203.0.113.7" });
const botProof = await solveBotChallenge(await api.getBotChallenge());
let flow = await api.startReset({ identifier: "anna@contoso.com", botProof });
console.log(flow.methods); // [{ id, kind: "email", hint: "a•••@e•••", channels: ["email"] }]
flow = await api.chooseMethod({
  flowId: flow.flowId,
  methodId: flow.methods[0]?.id ?? "",
  contact: "anna@example.org",
});
flow = await api.verifyCode({ flowId: flow.flowId, code: await lastCode() });
flow = await api.completeReset({
  flowId: flow.flowId,
  newPassword: "correct horse battery staple",
});
console.log(flow.step); // "done"
console.log(await directory.verifyPassword("anna", "correct horse battery staple")); // true
