// Resets a forgotten password from a terminal: @sspr/core's reset machine, driven over HTTP
// against the demo server (`npm start` in another terminal), codes read from the dev inbox.
//
//   npm run demo:headless -- ben@contoso.com "Ben's first password"
//
// Signed in with the password the demo page shows, it first registers what the policy asks that
// the user has not (an email address, a phone number); then it forgets the password.
import { connectReset, createHttpApi, resetMachine, solveBotChallenge } from "@sspr/core";
import { createActor, waitFor } from "xstate";

const [identifier = "ben@contoso.com", password = "Ben's first password"] = process.argv.slice(2);
const server = process.env.SSPR_URL ?? "http://127.0.0.1:8080";
const contacts = { email: "ben@example.org", phone: "+31 6 12345678" };
const newPassword = `reset from a terminal ${crypto.randomUUID().slice(0, 8)}`;

/** The messages the demo's outbox delivered, newest first. */
const inbox = async () =>
  (await (await fetch(`${server}/demo/inbox`)).json()) as { id: string; text: string }[];

/** Does `action`, then waits for the message it sends and returns the code in it. */
async function codeSentBy(action: () => Promise<unknown>): Promise<string> {
  const before = new Set((await inbox()).map((m) => m.id));
  await action();
  for (;;) {
    const fresh = (await inbox()).filter((m) => !before.has(m.id));
    const code = fresh.map((m) => m.text.match(/\b\d{8}\b/)?.[0]).find(Boolean);
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

// 1. Signed in, the user registers security info (the portal would show <sspr-register>).
const signIn = await fetch(`${server}/demo/sign-in`, {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ identifier, password }),
});
if (!signIn.ok) throw new Error(`Sign-in failed: ${signIn.status}. Is \`npm start\` running?`);
const { token } = (await signIn.json()) as { token: string };
const me = createHttpApi({
  endpoint: `${server}/sspr`,
  headers: async () => ({ authorization: `Bearer ${token}` }),
});
const registration = await me.getRegistration();
for (const kind of ["email", "phone"] as const) {
  const wanted = kind === "email" || registration.required > 1;
  if (!wanted || registration.methods.some((m) => m.kind === kind)) continue;
  let pendingId = "";
  const code = await codeSentBy(async () => {
    ({ pendingId } = await me.addContactMethod({ kind, value: contacts[kind] }));
  });
  await me.verifyContactMethod({ pendingId, code });
  console.log(`registered ${kind} ${contacts[kind]}`);
}

// 2. Signed out, the password forgotten: the reset machine, as <sspr-reset> runs it.
const actor = createActor(resetMachine, {
  input: { api: createHttpApi({ endpoint: `${server}/sspr` }), solveBot: solveBotChallenge },
}).start();
/** The machine's view once the engine has answered. */
const settled = async () => {
  const snapshot = await waitFor(actor, (s) => !connectReset(s, actor.send).busy);
  return connectReset(snapshot, actor.send);
};
let code = "";
connectReset(actor.getSnapshot(), actor.send).identify(identifier);
for (let reset = await settled(); reset.step !== "done"; reset = await settled()) {
  console.log(reset.step);
  if (reset.problem) throw new Error(`${reset.step}: ${reset.problem.title}`);
  const method = reset.selectedMethod;
  if (reset.step === "choose-method") {
    const next = reset.methods.find((m) => m.kind === "email" || m.kind === "phone");
    if (!next) throw new Error("No email or phone registered");
    reset.selectMethod(next.id);
  } else if (
    reset.step === "confirm-contact" &&
    (method?.kind === "email" || method?.kind === "phone")
  ) {
    const { kind } = method;
    code = await codeSentBy(() => {
      reset.submitContact(contacts[kind], kind === "phone" ? "sms" : undefined);
      return settled();
    });
  } else if (reset.step === "enter-code") reset.submitCode(code);
  else if (reset.step === "new-password") reset.submitPassword(newPassword);
  else throw new Error(`Did not expect the step ${reset.step}`);
}
actor.stop();
console.log(`done: the password of ${identifier} is now "${newPassword}"`);
