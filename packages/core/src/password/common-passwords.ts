import { foldForMatching } from "./normalise.js";
import { createTermIndex, type TermIndex } from "./term-index.js";

let loaded: TermIndex | undefined;
let loading: Promise<TermIndex> | undefined;

/**
 * The global banned-password list (see `common-passwords.data.ts`: 3000 of the most common
 * leaked passwords), indexed for matching. Loaded on first use, as a chunk of its own in
 * browsers, so a page that never asks for a password never downloads it.
 *
 * @example
 * evaluatePassword(password, policy.password, { personal, common: await loadCommonPasswords() })
 */
export function loadCommonPasswords(): Promise<TermIndex> {
  loading ??= import("./common-passwords.data.js").then(
    ({ commonPasswordList }) => {
      loaded = createTermIndex(commonPasswordList.split(" "), foldForMatching);
      return loaded;
    },
    (error: unknown) => {
      // A chunk that failed to download is asked for again next time.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

const none = createTermIndex([], foldForMatching);

/**
 * The global list if it has loaded, else none yet (and it starts loading): for a live checklist
 * that is drawn again as the user types, so it checks the list from the moment it is there.
 */
export function commonPasswordsSoFar(): TermIndex {
  if (!loaded) loadCommonPasswords().catch(() => undefined);
  return loaded ?? none;
}
