import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { session, sessionModule } from "../support/session-mock";
import { ACTORS, createWorld, type World } from "../support/world";
import type { MatrixRow } from "./authz/matrix";

vi.mock("@/lib/auth/session", () => sessionModule);

const { accountRows } = await import("./authz/rows-accounts");
const { personalRows } = await import("./authz/rows-personal");
const { teamRows } = await import("./authz/rows-teams");
const { reviewRows } = await import("./authz/rows-reviews");
const { peopleRows } = await import("./authz/rows-people");
const { scenariosRows } = await import("./authz/rows-scenarios");
const { reportsRows } = await import("./authz/rows-reports");
const { notificationRows } = await import("./authz/rows-notifications");
const { userAdminRows } = await import("./authz/rows-user-admin");
const { apiRows } = await import("./authz/rows-api");
const { scimRows } = await import("./authz/rows-scim");
const { tokenRows } = await import("./authz/rows-tokens");

const rows: MatrixRow[] = [
  ...accountRows,
  ...personalRows,
  ...teamRows,
  ...reviewRows,
  ...peopleRows,
  ...scenariosRows,
  ...reportsRows,
  ...notificationRows,
  ...userAdminRows,
  ...apiRows,
  ...scimRows,
  ...tokenRows,
];

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.db.close());

describe("authorization matrix", () => {
  for (const row of rows) {
    it(row.name, async () => {
      const actual: Record<string, string> = {};
      for (const as of ACTORS) {
        session.actor = w.actor(as);
        actual[as] = await row.run(w, as);
      }
      session.actor = null;
      expect(actual).toEqual(row.expect);
    });
  }
});
