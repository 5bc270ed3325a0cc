// The bot check's worker: ALTCHA's worker loop with WebCrypto's PBKDF2 (the package's own
// PBKDF2 worker uses node:crypto). Bundled into bot-worker.source.ts by `npm run bot-worker`.
import { deriveKey } from "altcha-lib/algorithms/web/pbkdf2";
import { handler } from "altcha-lib/workers/shared";

handler({ deriveKey });
