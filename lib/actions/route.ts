import "server-only";
import { getActor, type SessionActor } from "@/lib/auth/session";
import { toActionError } from "./safe-action";

/** Wraps a route handler: 401 when signed out; known errors become 404/400/409 JSON; never a stack trace. */
export function withActor<C>(handler: (req: Request, actor: SessionActor, ctx: C) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const actor = await getActor();
    if (!actor) return Response.json({ error: "Sign in to use this endpoint." }, { status: 401 });
    try {
      return await handler(req, actor, ctx);
    } catch (e) {
      const r = toActionError(e);
      return Response.json({ error: r.message, errors: r.errors, latest: r.latest }, { status: r.status ?? (Object.keys(r.errors).length ? 400 : 500) });
    }
  };
}
