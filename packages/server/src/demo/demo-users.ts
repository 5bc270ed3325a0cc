import type { DirectoryUser } from "@sspr/engine";
import type { SqlDirectory } from "../directory/sql-directory.js";

/** The demo portal's people, with the first passwords the sign-in page shows. */
export const demoUsers: (DirectoryUser & { password: string })[] = [
  {
    id: "anna",
    identifiers: ["anna@contoso.com"],
    displayName: "Anna de Vries",
    groups: ["staff"],
    isAdmin: false,
    disabled: false,
    locked: false,
    password: "Anna's first password",
  },
  {
    id: "ben",
    identifiers: ["ben@contoso.com"],
    displayName: "Ben Bakker",
    groups: ["staff"],
    isAdmin: false,
    disabled: false,
    locked: false,
    password: "Ben's first password",
  },
  {
    id: "admin",
    identifiers: ["admin@contoso.com"],
    displayName: "Ada Admin",
    groups: ["it"],
    isAdmin: true,
    disabled: false,
    locked: false,
    password: "The admin's first password",
  },
];

/** Adds the demo's people to an empty directory; a directory with users is left alone. */
export async function seedDemoUsers(directory: SqlDirectory): Promise<boolean> {
  if ((await directory.listUsers({ offset: 0, limit: 1 })).total > 0) return false;
  for (const { password, ...user } of demoUsers) await directory.addUser(user, password);
  return true;
}
