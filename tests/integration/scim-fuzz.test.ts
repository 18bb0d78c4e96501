/**
 * Fuzzing /scim/v2 with a valid administrator's service token, so the inputs get past the token check and reach the
 * path, the filter parser, the body and the PATCH operations: hostile path segments, filters, query parameters,
 * bodies (wrong shapes, and the right shape with hostile values in one to three fields) and headers. The contract:
 * never a 500, never a stack trace or driver text, every refusal a SCIM Error message in application/scim+json, and a
 * refused request changes no row.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createWorld, type World } from "../support/world";
import {
  applyValuePlan,
  changedTables,
  dbWatcher,
  FUZZ_SEED,
  hostileString,
  hostileValue,
  LEAK,
  newTally,
  summarise,
  summaryLine,
  valuePlanArb,
  type DbState,
} from "../support/fuzz";
import { createApiToken } from "@/lib/data/api-tokens";
import { resetEnvCache } from "@/lib/env";
import * as route from "@/app/scim/v2/[...path]/route";

const ORIGIN = "https://skillgap.example";
const ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
const SCIM_TYPES = [
  "uniqueness",
  "tooMany",
  "invalidFilter",
  "mutability",
  "invalidSyntax",
  "invalidPath",
  "noTarget",
  "invalidValue",
  "invalidVers",
  "sensitive",
];
const RUNS_SCALE = Number(process.env.FUZZ_RUNS) ? Number(process.env.FUZZ_RUNS) / 60 : 1;
const runs = (n: number) => Math.max(1, Math.round(n * RUNS_SCALE));

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Call = {
  method: Method;
  segments: string[];
  query?: [string, string][];
  headers?: [string, string][];
  body?: string;
  bearer?: string | null;
};

let w: World;
let token: string;
let userId: string;
let groupId: string;
let watch: () => Promise<DbState>;
beforeAll(async () => {
  process.env.API_RATE_LIMIT_PER_MINUTE = "100000";
  resetEnvCache();
  w = await createWorld();
  const made = await createApiToken(w.actors.admin, {
    name: "fuzz",
    kind: "service",
    scopes: ["admin"],
    expiresInDays: 30,
  });
  token = made.token;
  // A last use in the future: the token check never rewrites it, so "nothing changed" can include ApiToken.
  await w.db.prisma.apiToken.update({
    where: { id: made.summary.id },
    data: { lastUsedAt: new Date(Date.now() + 86_400_000) },
  });
  const user = await w.db.prisma.user.create({
    data: {
      email: `fuzz-target-${w.tag}@example.com`,
      name: "Fuzz Target",
      externalId: `fuzz-${w.tag}`,
      emailVerified: new Date(),
    },
  });
  userId = user.id;
  const group = await w.db.prisma.scimGroup.create({
    data: { displayName: `Fuzz group ${w.tag}`, teamId: w.teamId, members: { create: [{ userId }] } },
  });
  groupId = group.id;
  watch = dbWatcher(w.db);
});
afterAll(() => w.db.close());

async function call(c: Call): Promise<Response> {
  const url = new URL(`${ORIGIN}/scim/v2/fuzz`);
  for (const [k, v] of c.query ?? []) url.searchParams.append(k, v);
  const headers = new Headers();
  const bearer = c.bearer === undefined ? token : c.bearer;
  const sent: [string, string][] = [];
  if (bearer !== null) sent.push(["authorization", `Bearer ${bearer}`]);
  if (c.body !== undefined) sent.push(["content-type", "application/scim+json"]);
  for (const [k, v] of [...sent, ...(c.headers ?? [])]) {
    try {
      headers.set(k, v.slice(0, 8_000));
    } catch {
      /* fetch refuses it: no client could send it */
    }
  }
  const hasBody = c.method !== "GET" && c.body !== undefined;
  const req = new Request(url, { method: c.method, headers, body: hasBody ? c.body : undefined });
  return route[c.method](req, { params: Promise.resolve({ path: c.segments }) });
}

/** Why a response breaks the contract, or null. */
async function problemWith(res: unknown): Promise<string | null> {
  if (!(res instanceof Response)) return `returned ${summarise(res)}`;
  const text = await res.text();
  // 501 is the RFC's answer for /Me and /Bulk, which are not offered (RFC 7644 §3.11, §3.7); anything else ≥ 500 fails.
  if (res.status >= 500 && res.status !== 501) return `HTTP ${res.status}: ${summarise(text)}`;
  if (LEAK.test(text)) return `leaked internals: ${summarise(text)}`;
  if (res.status === 204) return text ? "204 with a body" : null;
  if (res.headers.get("content-type") !== "application/scim+json")
    return `content-type ${res.headers.get("content-type")}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    return `HTTP ${res.status} with a body that is not JSON: ${summarise(text)}`;
  }
  if (res.status < 400) return null;
  if (JSON.stringify(body.schemas) !== JSON.stringify([ERROR]))
    return `error without the Error schema: ${summarise(text)}`;
  if (body.status !== String(res.status)) return `error status ${summarise(body.status)} on HTTP ${res.status}`;
  if (typeof body.detail !== "string" || !body.detail.trim()) return "error without a detail";
  if (body.scimType !== undefined && !SCIM_TYPES.includes(String(body.scimType)))
    return `scimType ${summarise(body.scimType)}`;
  return null;
}

const tally = newTally();
/** Answers by status, per property: a property that only ever sees 401 or 404 is not reaching the code. */
const statuses: Record<string, Record<number, number>> = {};

/** Runs one property: every call must keep the contract; a refused one must leave every table as it was. */
async function fuzz(name: string, arb: fc.Arbitrary<Call>, numRuns: number, refusedOnly = false) {
  const errorLog = vi.spyOn(console, "error").mockImplementation(() => {});
  const failures: string[] = [];
  let n = 0;
  try {
    await fc.assert(
      fc.asyncProperty(arb, async (c) => {
        n += 1;
        const before = await watch();
        errorLog.mockClear();
        let problem: string | null;
        let status = 0;
        try {
          const res = await call(c);
          status = res.status;
          const seen = (statuses[name] ??= {});
          seen[status] = (seen[status] ?? 0) + 1;
          problem = await problemWith(res);
          if (!problem && refusedOnly && status < 400) problem = `accepted (${status})`;
        } catch (e) {
          problem = `threw ${e instanceof Error ? `${e.name}: ${e.message.slice(0, 200)}` : summarise(e)}`;
        }
        if (!problem && errorLog.mock.calls.length)
          problem = `logged an error: ${String(errorLog.mock.calls[0][1] ?? errorLog.mock.calls[0][0]).slice(0, 200)}`;
        if (status >= 400 || status === 0) {
          const changed = changedTables(before.sums, (await watch()).sums);
          if (changed.length) problem = `${problem ? `${problem}; ` : ""}refused but changed ${changed.join(", ")}`;
        }
        if (problem)
          failures.push(
            `${name} [run ${n}] ${c.method} /${c.segments.map((s) => summarise(s)).join("/")} query ${summarise(c.query ?? [])} body ${summarise(c.body)}: ${problem}`,
          );
      }),
      { seed: FUZZ_SEED, numRuns, endOnFailure: true },
    );
  } finally {
    errorLog.mockRestore();
  }
  tally.inputs += n;
  tally.byTarget[name] = n;
  tally.failures.push(...failures);
  expect(failures.slice(0, 15), `${failures.length} failures`).toEqual([]);
}

const json = (v: unknown) => {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? String(x) : x)) ?? "null";
  } catch {
    return "null";
  }
};
const method = fc.constantFrom<Method>("GET", "POST", "PUT", "PATCH", "DELETE");
const endpoint = fc.constantFrom(
  "Users",
  "Groups",
  "users",
  "ServiceProviderConfig",
  "ResourceTypes",
  "Schemas",
  "Me",
  "Bulk",
);
const attribute = fc.constantFrom(
  "userName",
  "externalId",
  "emails",
  "emails.value",
  'emails[type eq "work"].value',
  "name.formatted",
  "displayName",
  "active",
  "meta.created",
  "meta.lastModified",
  "members",
  "members.value",
  "id",
  "title",
);
const comparator = fc.constantFrom("eq", "ne", "co", "sw", "ew", "gt", "lt", "ge", "le", "pr", "np", "EQ", "xx");
const filterValue = fc.oneof(
  hostileString.map((s) => JSON.stringify(s)),
  hostileString,
  fc.constantFrom("true", "false", "null", "42", '"2026-01-01T00:00:00Z"', '"\\"', '"'),
);
/** Filters shaped like SCIM ones, hostile in the attribute, the operator, the value or the joins; and plain junk. */
const filter = fc.oneof(
  hostileString,
  fc
    .array(fc.tuple(fc.oneof(attribute, hostileString), comparator, filterValue), { minLength: 1, maxLength: 4 })
    .chain((parts) =>
      fc
        .array(fc.constantFrom(" and ", " or ", " and not ", ") or (", " ", "]["), {
          minLength: parts.length - 1,
          maxLength: parts.length - 1,
        })
        .map((joins) => parts.map(([a, op, v], i) => `${i ? joins[i - 1] : ""}${a} ${op} ${v}`).join("")),
    ),
);

describe("fuzzing /scim/v2", () => {
  it("path segments and methods: hostile endpoints and ids", async () => {
    const id = fc.oneof(hostileString, fc.constantFrom(".search", "cnotarealid0000000000000", "%00", "..", ""));
    await fuzz(
      "paths",
      fc.record({
        method,
        segments: fc.oneof(
          fc.tuple(fc.oneof(endpoint, hostileString)).map((s) => [...s]),
          fc.tuple(fc.oneof(endpoint, hostileString), id).map((s) => [...s]),
          fc.tuple(endpoint, id, hostileString).map((s) => [...s]),
          fc.constant([] as string[]),
        ),
        body: fc.oneof(fc.constant(undefined), hostileValue.map(json)),
      }),
      runs(150),
    );
  });

  it("filters, attributes and paging parameters on /Users and /Groups", async () => {
    await fuzz(
      "filters",
      fc.record({
        method: fc.constant<Method>("GET"),
        segments: fc.constantFrom(["Users"], ["Groups"], ["Users", userId], ["Groups", groupId]),
        query: fc.array(
          fc.tuple(
            fc.constantFrom(
              "filter",
              "filter",
              "filter",
              "attributes",
              "excludedAttributes",
              "startIndex",
              "count",
              "sortBy",
            ),
            fc.oneof(filter, hostileString),
          ),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      runs(250),
    );
  });

  it("POST /.search bodies", async () => {
    await fuzz(
      "search",
      fc.record({
        method: fc.constant<Method>("POST"),
        segments: fc.constantFrom(["Users", ".search"], ["Groups", ".search"]),
        body: fc
          .record(
            {
              schemas: fc.oneof(
                { arbitrary: fc.constant(["urn:ietf:params:scim:api:messages:2.0:SearchRequest"]), weight: 4 },
                { arbitrary: hostileValue, weight: 1 },
              ),
              filter: fc.oneof({ arbitrary: filter, weight: 3 }, { arbitrary: hostileValue, weight: 1 }),
              attributes: fc.oneof(fc.array(fc.oneof(attribute, hostileString), { maxLength: 3 }), hostileValue),
              startIndex: fc.oneof(fc.integer({ min: -5, max: 5 }), hostileValue),
              count: fc.oneof(fc.integer({ min: -5, max: 300 }), hostileValue),
            },
            { requiredKeys: ["schemas"] },
          )
          .map(json),
      }),
      runs(80),
    );
  });

  it("bodies of the wrong shape on every writer: refused, nothing changes", async () => {
    await fuzz(
      "bodies",
      fc
        .record({
          target: fc.constantFrom<[Method, "Users" | "Groups", boolean]>(
            ["POST", "Users", false],
            ["POST", "Groups", false],
            ["PUT", "Users", true],
            ["PUT", "Groups", true],
            ["PATCH", "Users", true],
            ["PATCH", "Groups", true],
          ),
          body: fc.oneof(
            hostileString,
            hostileValue.map(json),
            fc.constantFrom("", "{", "[]", "null", '{"schemas":[]}'),
          ),
        })
        .map(({ target: [m, kind, item], body }) => ({
          method: m,
          segments: item ? [kind, kind === "Users" ? userId : groupId] : [kind],
          body,
        })),
      runs(200),
      true,
    );
  });

  it("PATCH operations with hostile ops, paths and values", async () => {
    const path = fc.oneof(
      fc.constant(undefined),
      attribute,
      hostileString,
      hostileString.map((v) => `members[value eq ${JSON.stringify(v)}]`),
      hostileString.map((v) => `members[value eq "${v}"]`),
      filter.map((f) => `members[${f}]`),
    );
    const op = fc.record({
      op: fc.oneof(
        { arbitrary: fc.constantFrom("add", "remove", "replace", "Add", "Remove", "Replace"), weight: 5 },
        { arbitrary: hostileValue, weight: 1 },
      ),
      path,
      value: fc.oneof(
        hostileValue,
        fc.array(
          fc.record({
            value: fc.oneof(fc.constantFrom(userId, groupId, w.actors.member.id), hostileValue),
            type: fc.oneof(fc.constant("User"), hostileString),
          }),
          { maxLength: 3 },
        ),
        fc.record(
          {
            active: fc.oneof(fc.boolean(), fc.constantFrom("True", "false"), hostileValue),
            displayName: hostileValue,
            externalId: hostileValue,
            name: fc.record({ givenName: hostileValue, formatted: hostileValue }, { requiredKeys: [] }),
          },
          { requiredKeys: [] },
        ),
      ),
    });
    await fuzz(
      "patch",
      fc.record({
        method: fc.constant<Method>("PATCH"),
        segments: fc.constantFrom(["Users", userId], ["Groups", groupId]),
        body: fc
          .record({
            schemas: fc.oneof(
              { arbitrary: fc.constant([PATCH_OP]), weight: 5 },
              { arbitrary: hostileValue, weight: 1 },
            ),
            Operations: fc.oneof(
              { arbitrary: fc.array(op, { minLength: 1, maxLength: 3 }), weight: 5 },
              { arbitrary: hostileValue, weight: 1 },
            ),
          })
          .map(json),
      }),
      runs(250),
    );
  });

  it("the right shape with hostile values (RFC 7644 examples, one to three fields spoilt)", async () => {
    const bases: { method: Method; segments: () => string[]; base: (n: number) => Record<string, unknown> }[] = [
      {
        method: "POST",
        segments: () => ["Users"],
        base: (n) => ({
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
          userName: `fuzz-${n}-${w.tag}@example.com`,
          externalId: `fuzz-ext-${n}-${w.tag}`,
          name: { formatted: "Ms. Barbara J Jensen III", familyName: "Jensen", givenName: "Barbara" },
          emails: [{ value: `fuzz-${n}-${w.tag}@example.com`, type: "work", primary: true }],
          active: true,
        }),
      },
      {
        method: "PATCH",
        segments: () => ["Users", userId],
        base: (n) => ({
          schemas: [PATCH_OP],
          Operations: [
            { op: "replace", path: "name.givenName", value: `Fuzz ${n}` },
            { op: "replace", path: "active", value: true },
          ],
        }),
      },
      {
        method: "POST",
        segments: () => ["Groups"],
        base: (n) => ({
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:Group"],
          displayName: `Fuzz group ${n}`,
          externalId: `fuzz-group-${n}-${w.tag}`,
          members: [{ value: userId, display: "Fuzz Target" }],
        }),
      },
      {
        method: "PATCH",
        segments: () => ["Groups", groupId],
        base: () => ({
          schemas: [PATCH_OP],
          Operations: [
            { op: "add", path: "members", value: [{ value: userId }] },
            { op: "remove", path: `members[value eq "${w.actors.member.id}"]` },
          ],
        }),
      },
    ];
    let n = 0;
    await fuzz(
      "values",
      fc.tuple(fc.nat(bases.length - 1), valuePlanArb).map(([i, plan]) => {
        n += 1;
        const b = bases[i];
        const applied = applyValuePlan(b.base(n), { ...plan, formData: false });
        return { method: b.method, segments: b.segments(), body: json(applied.payload) };
      }),
      runs(200),
    );
  });

  it("hostile headers: authorization, content-type and the rest", async () => {
    const header = fc.tuple(
      fc.constantFrom(
        "authorization",
        "content-type",
        "accept",
        "x-forwarded-host",
        "x-forwarded-proto",
        "host",
        "cookie",
      ),
      hostileString,
    );
    await fuzz(
      "headers",
      fc.record({
        // No DELETE or PUT: with a valid token those would (rightly) change the targets the other properties use.
        method: fc.constantFrom<Method>("GET", "POST", "PATCH"),
        segments: fc.constantFrom(["Users"], ["Groups", groupId], ["Users", userId], ["ServiceProviderConfig"]),
        headers: fc.array(header, { minLength: 1, maxLength: 3 }),
        bearer: fc.oneof(fc.constant(undefined), fc.constant(null), hostileString),
        body: fc.oneof(
          fc.constant(undefined),
          fc.constant('{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"]}'),
        ),
      }),
      runs(120),
    );
  });

  afterAll(() => {
    console.log(summaryLine("/scim/v2", tally, "properties"));
    for (const [name, seen] of Object.entries(statuses)) console.log(`  ${name}: ${JSON.stringify(seen)}`);
  });
});
