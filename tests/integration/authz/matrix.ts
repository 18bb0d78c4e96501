import { ConflictError, DataError, NotFoundError } from "@/lib/data/errors";
import type { ActorName, World } from "../../support/world";

/** "forbidden": a valid API token without the scope (403); everything else a person could not see is "notfound". */
export type Outcome = "ok" | "signin" | "notfound" | "invalid" | "conflict" | "forbidden";
export type Expect = Record<ActorName, Outcome>;

/** One row of the authorization matrix: a route handler, server action or data function, called as each actor. */
export type MatrixRow = { name: string; run: (w: World, as: ActorName) => Promise<Outcome>; expect: Expect };

export const signedIn = (o: Outcome): Expect => ({
  anonymous: "signin",
  member: o,
  otherMember: o,
  manager: o,
  otherManager: o,
  admin: o,
});
export const everyone = (o: Outcome): Expect => ({
  anonymous: o,
  member: o,
  otherMember: o,
  manager: o,
  otherManager: o,
  admin: o,
});
export const adminOnly: Expect = {
  anonymous: "signin",
  member: "notfound",
  otherMember: "notfound",
  manager: "notfound",
  otherManager: "notfound",
  admin: "ok",
};
/** Reading the member's data: themself, their team's manager and admins. */
export const memberReaders: Expect = {
  anonymous: "signin",
  member: "ok",
  otherMember: "notfound",
  manager: "ok",
  otherManager: "notfound",
  admin: "ok",
};

export function fromAction(r: { ok: boolean; status?: number }): Outcome {
  if (r.ok) return "ok";
  if (r.status === 401) return "signin";
  if (r.status === 403) return "forbidden";
  if (r.status === 404) return "notfound";
  if (r.status === 409) return "conflict";
  return "invalid";
}

export function fromResponse(r: Response): Outcome {
  if (r.status >= 200 && r.status < 300) return "ok";
  if (r.status === 401) return "signin";
  if (r.status === 403) return "forbidden";
  if (r.status === 404) return "notfound";
  if (r.status === 409) return "conflict";
  if (r.status >= 500) throw new Error(`HTTP ${r.status}`);
  return "invalid";
}

/**
 * For data functions. Pages redirect anonymous visitors before calling them, but the function must hold on its own:
 * the anonymous cell calls it with an actor that has no account, and only a "not found" refusal counts as "signin"
 * (what the page shows). An "ok" or any other outcome there is a hole and fails the row.
 */
export async function fromData(
  w: World,
  as: ActorName,
  fn: (actor: NonNullable<ReturnType<World["actor"]>>) => Promise<unknown>,
): Promise<Outcome> {
  const actor = w.actor(as);
  if (!actor) {
    const ghost = {
      id: `ghost-${w.tag}`,
      isAdmin: false,
      name: null,
      email: `ghost-${w.tag}@test.local`,
      verified: false,
      sessionId: "none",
    };
    let result: unknown;
    const out = await call(async () => {
      result = await fn(ghost);
    });
    // Refused outright, or a list function that shows a stranger nothing at all.
    return out === "notfound" || (out === "ok" && isEmpty(result)) ? "signin" : out;
  }
  return call(() => fn(actor));
}

/** Nothing visible: no value, an empty list, or an object whose every value is empty. */
function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === "object") return Object.values(v).every((x) => Array.isArray(x) && x.length === 0);
  return false;
}

async function call(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return "ok";
  } catch (e) {
    if (e instanceof NotFoundError) return "notfound";
    if (e instanceof DataError) return "invalid";
    if (e instanceof ConflictError) return "conflict";
    throw e;
  }
}
