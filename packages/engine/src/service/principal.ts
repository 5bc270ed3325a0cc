import { SsprProblem } from "@sspr/core";
import type { DirectoryUser } from "../adapters/directory.js";
import type { EngineContext, RequestContext } from "./context.js";

/** The signed-in user behind a request, or `unauthenticated`. */
export async function signedInUser(ctx: EngineContext, rc: RequestContext): Promise<DirectoryUser> {
  const user = rc.userId ? await ctx.directory.getUser(rc.userId) : null;
  if (!user || user.disabled) throw new SsprProblem("unauthenticated");
  return user;
}

/** The signed-in administrator behind a request, or `unauthenticated` / `forbidden`. */
export async function signedInAdmin(
  ctx: EngineContext,
  rc: RequestContext,
): Promise<DirectoryUser> {
  const user = await signedInUser(ctx, rc);
  if (!user.isAdmin) throw new SsprProblem("forbidden");
  return user;
}
