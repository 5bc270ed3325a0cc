import type { Directory, DirectoryUser } from "../adapters/directory.js";

/** Users read from the directory per round. */
const PAGE = 200;

/**
 * Every user in the directory, read a page at a time, so work over everyone (bulk operations,
 * reports, notices to all administrators) never holds the whole directory.
 */
export async function* allUsers(directory: Directory): AsyncGenerator<DirectoryUser> {
  for (let offset = 0; ; offset += PAGE) {
    const { users } = await directory.listUsers({ offset, limit: PAGE });
    yield* users;
    if (users.length < PAGE) return;
  }
}
