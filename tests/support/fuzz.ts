import fc from "fast-check";
import type { TestDb } from "./test-db";

/** Fixed so a failing input can be replayed: same seed, same inputs, in the same order. FUZZ_SEED=n explores others. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED) || 20_260_909;

// Long strings are built once and shared: 100k UTF-16 units each.
const HUGE = [
  "a".repeat(100_000),
  "€".repeat(100_000),
  "😀".repeat(50_000),
  "<script>".repeat(12_500),
  "'; ".repeat(33_334),
  "\u0000".repeat(100_000),
];

const SQL = [
  `'; DROP TABLE "User";--`,
  `' OR '1'='1`,
  `" OR ""="`,
  `1; DELETE FROM "Rating" WHERE 1=1`,
  `admin'--`,
  `' UNION SELECT email, "passwordHash" FROM "User"--`,
  `\\'; SELECT pg_sleep(5);--`,
  `$$; DROP SCHEMA public CASCADE; $$`,
  `%' AND 1=1 AND '%'='`,
  `{"$ne": null}`,
];

const HTML = [
  `<script>alert(1)</script>`,
  `"><img src=x onerror=alert(1)>`,
  `javascript:alert(1)`,
  `<svg/onload=alert(1)>`,
  `</textarea><script>fetch('//evil')</script>`,
  `<!--`,
  `]]><![CDATA[`,
  `=HYPERLINK("http://evil","x")`,
  `+cmd|' /C calc'!A0`,
];

const UNICODE = [
  "",
  " ",
  "\t\n\r ",
  "\u0000",
  "a\u0000b",
  "\u202Eevil\u202C",
  "مرحبا بالعالم",
  "שָׁלוֹם",
  "😀👩‍👩‍👧‍👦🏳️‍🌈",
  "\uD800",
  "x\uDFFFy",
  "\uFEFFbom",
  "\u200B\u200C\u200D",
  "Z̴̡̧̛̛̛̭̮̙͉̳a̷l̶g̸o̵",
  "ｆｕｌｌｗｉｄｔｈ",
  "İıŞşĞğ",
  "\r\n\r\n",
  "../../../etc/passwd",
  "%00%0d%0a",
  "%s%n%x",
  "${7*7}{{7*7}}",
  "__proto__",
  "constructor",
  "null",
  "undefined",
  "true",
];

const NUMERIC_STRINGS = [
  "-1",
  "0",
  "6",
  "3.5",
  "1e999",
  "-1e999",
  "NaN",
  "Infinity",
  "0x10",
  " 3 ",
  "3abc",
  "9".repeat(400),
  "2027-02-30",
  "0000-00-00",
  "9999-99-99",
  "275760-09-14",
  "2027-3-1",
  "-0001-01-01",
];

const NUMBERS = [
  -1,
  -0,
  0,
  0.5,
  1.5,
  -2_147_483_649,
  2_147_483_648,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  NaN,
  Infinity,
  -Infinity,
  1e21,
];

/** Strings an attacker or a broken client would send: huge, unicode (RTL, emoji, NUL, lone surrogates), SQL, HTML. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SQL),
  fc.constantFrom(...HTML),
  fc.constantFrom(...UNICODE),
  fc.constantFrom(...NUMERIC_STRINGS),
  fc.constantFrom(...HUGE),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.tuple(fc.constantFrom(...SQL, ...HTML, ...UNICODE), fc.string({ maxLength: 10 })).map(([a, b]) => a + b),
);

/** Negative, fractional, enormous, NaN and infinite numbers, plus bigints. */
export const hostileNumber: fc.Arbitrary<number | bigint> = fc.oneof(
  fc.constantFrom(...NUMBERS),
  fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
  fc.double(),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
);

/** Anything that is not the type the field wants: null/undefined, booleans, arrays where objects go and the reverse. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    false,
    [],
    {},
    [[]],
    [{}],
    [null],
    new Date(NaN),
    new Date(8.64e15),
    Object.create(null) as object,
  ),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 5 }),
  fc.dictionary(hostileString, fc.anything({ maxDepth: 1 }), { maxKeys: 4 }),
  fc.anything({
    maxDepth: 2,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
  }),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: hostileNumber, weight: 2 },
  { arbitrary: wrongType, weight: 3 },
);

/**
 * How to spoil a valid payload. `pick` chooses among the payload's paths at run time, because bases are built per call
 * (they may need the current review version). "junk" ignores the base altogether.
 */
export type Plan =
  | { kind: "replace" | "remove"; pick: number; value: unknown; formData: boolean }
  | { kind: "extra"; pick: number; key: string; value: unknown; formData: boolean }
  | { kind: "junk"; value: unknown; formData: boolean };

const extraKey = fc.oneof(
  fc.constantFrom(
    "__proto__",
    "constructor",
    "prototype",
    "isAdmin",
    "userId",
    "id",
    "$ACTION_ID_1",
    "role",
    "actorId",
    "toString",
  ),
  hostileString.filter((s) => s.length < 200),
);

export const planArb: fc.Arbitrary<Plan> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant("replace" as const),
      pick: fc.nat(),
      value: hostileValue,
      formData: fc.nat(4).map((n) => n === 0),
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("remove" as const),
      pick: fc.nat(),
      value: fc.constant(undefined),
      formData: fc.constant(false),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("extra" as const),
      pick: fc.nat(),
      key: extraKey,
      value: hostileValue,
      formData: fc.constant(false),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant("junk" as const),
      value: fc.oneof(hostileValue, fc.constant(undefined)),
      formData: fc.constant(false),
    }),
    weight: 2,
  },
);

type Path = (string | number)[];

/** Every path into a payload (objects and arrays, depth ≤ 3), parents before children. */
export function pathsOf(value: unknown, prefix: Path = [], depth = 0): Path[] {
  if (depth > 3 || value === null || typeof value !== "object") return [];
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k], depth + 1)]);
}

function objectPathsOf(value: unknown): Path[] {
  return [[], ...pathsOf(value)].filter((p) => {
    const v = getIn(value, p);
    return v !== null && typeof v === "object" && !Array.isArray(v);
  });
}

export function getIn(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], value);
}

export function setIn(root: unknown, path: Path, value: unknown, remove = false) {
  const parent = getIn(root, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1];
  if (remove) delete parent[key];
  else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
}

export type Applied = {
  payload: unknown;
  path: string | null;
  describe: string;
  /** Every spoilt field, when a plan spoils several. */ paths?: string[];
};

/** Applies a plan to a fresh copy of the base payload. `path` is the spoilt field, "ratings.0.level" style. */
export function applyPlan(base: Record<string, unknown>, plan: Plan): Applied {
  if (plan.kind === "junk")
    return {
      payload: plan.formData ? toFormData(plan.value) : plan.value,
      path: null,
      describe: `junk ${summarise(plan.value)}`,
    };
  const copy = structuredClone(base);
  const paths = plan.kind === "extra" ? objectPathsOf(copy) : pathsOf(copy);
  if (paths.length === 0) return { payload: copy, path: null, describe: "base" };
  const at = paths[plan.pick % paths.length];
  const path = plan.kind === "extra" ? [...at, plan.key] : at;
  setIn(copy, path, plan.value, plan.kind === "remove");
  const name = path.map(String).join(".");
  const payload = plan.formData ? toFormData(copy) : copy;
  return {
    payload,
    path: name,
    describe: `${plan.kind} ${name || "(root)"}${plan.kind === "remove" ? "" : ` = ${summarise(plan.value)}`}${plan.formData ? " (as FormData)" : ""}`,
  };
}

/** What a browser form would send: top-level fields as strings, repeated keys for arrays, files by name. */
export function toFormData(value: unknown): FormData {
  const fd = new FormData();
  if (value === null || typeof value !== "object") return fd;
  for (const [k, v] of Object.entries(value)) {
    for (const item of Array.isArray(v) ? v : [v]) {
      if (typeof item === "string" && item.length > 50_000 && k.length % 2 === 0)
        fd.append(k, new File(["x"], item.slice(0, 300)));
      else fd.append(k, typeof item === "object" && item !== null ? safeJson(item) : String(item));
    }
  }
  return fd;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x)) ?? "undefined";
  } catch {
    return String(v);
  }
}

/** A short, printable description of a (possibly 100k-character) value for failure messages. */
export function summarise(v: unknown): string {
  if (typeof v === "string")
    return v.length > 60 ? `${JSON.stringify(v.slice(0, 40))}…(${v.length} chars)` : JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "number" || typeof v === "boolean" || v === null || v === undefined) return String(v);
  if (v instanceof FormData) return "FormData";
  const s = safeJson(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

const checksumSql = new WeakMap<TestDb, string>();

/**
 * Rows and content of every table, as one string per table: any insert, update or delete changes it. RateLimitEvent is left out: it counts attempts, and a refused attempt
 * (a wrong current password) must count, or throttling would not work. ReportSnapshot is left out: it is a cache of
 * closed quarters derived from the history, which the organisation report fills on its first view (a GET).
 */
export async function tableChecksums(db: TestDb): Promise<Record<string, string>> {
  let sql = checksumSql.get(db);
  if (!sql) {
    const tables = await db.prisma.$queryRawUnsafe<{ t: string }[]>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('_prisma_migrations', 'RateLimitEvent', 'ReportSnapshot') ORDER BY 1`,
    );
    if (tables.length < 19) throw new Error(`expected the app's tables, found ${tables.map((t) => t.t).join(", ")}`);
    sql = tables
      .map(
        ({ t }) =>
          `SELECT '${t}' AS t, count(*)::text || ':' || md5(coalesce(string_agg(md5(x::text), '' ORDER BY md5(x::text)), '')) AS h FROM "${t}" x`,
      )
      .join(" UNION ALL ");
    checksumSql.set(db, sql);
  }
  const rows = await db.prisma.$queryRawUnsafe<{ t: string; h: string }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}

export type DbState = { xid: string; sums: Record<string, string> };

/**
 * The database's state for before/after comparisons. Any write (even one rolled back) takes a transaction id, so
 * when the next unassigned id has not moved nothing can have changed and the last checksums still hold; otherwise
 * the checksums of every table are taken again.
 */
export function dbWatcher(db: TestDb): () => Promise<DbState> {
  let known: DbState | null = null;
  return async () => {
    const [{ xid }] = await db.prisma.$queryRawUnsafe<{ xid: string }[]>(
      `SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS xid`,
    );
    if (known?.xid !== xid) known = { xid, sums: await tableChecksums(db) };
    return known;
  };
}

/** A stack frame or a Prisma/driver error text: what must never reach a client. */
export const LEAK =
  /\bat .+\.(ts|tsx|js|mjs):\d+:\d+|Invalid `\w+\.\w+\.\w+\(\)` invocation|PrismaClient\w*Error|DriverAdapterError|invalid byte sequence/;

export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

/** "ratings.0" and "ratings.0.level" concern the same field; so do "ratings" and "ratings.3.skillId". */
export function samePlace(errorKey: string, path: string): boolean {
  return errorKey === path || errorKey.startsWith(`${path}.`) || path.startsWith(`${errorKey}.`);
}

export type Tally = { inputs: number; failures: string[]; byTarget: Record<string, number> };
export const newTally = (): Tally => ({ inputs: 0, failures: [], byTarget: {} });

export function summaryLine(label: string, tally: Tally, unit: string): string {
  const targets = Object.keys(tally.byTarget).length;
  return `fuzz: ${tally.inputs.toLocaleString("en-US")} inputs across ${targets} ${unit}, ${tally.failures.length} failures (${label}, seed ${FUZZ_SEED})`;
}

// ——— Right shape, hostile values ———————————————————————————————————————————————————————————————————————————————
// The plans above mostly break a payload's shape. These keep the shape (every field present, each of its own type)
// and put a hostile value of that type in one to three fields, chosen by what the field's name says it holds.

const DATES = [
  "0000-01-01",
  "2027-02-31",
  "2027-02-29",
  "2028-02-30",
  "2027-04-31",
  "1899-12-31",
  "1900-01-01",
  "10000-01-01",
  "9999-12-31",
  "275760-09-14",
  "2027-13-01",
  "2027-00-10",
  "2027-01-00",
  "2027-1-1",
  "27-01-01",
  "2027/01/01",
  "2027-01-01T00:00:00Z",
  " 2027-03-31 ",
  "-0001-01-01",
  "+002027-01-01",
  "2020-01-01",
  "1970-01-01",
  "2027-01-01\u0000",
  "２０２７-01-01",
  "2027-03-31\uD800",
];
const URLS = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "file:///etc/passwd",
  "ftp://example.com",
  "//evil.example",
  "http://",
  "https://",
  "http://[::1",
  "https://exa mple.com",
  "https://x\u0000y",
  "https://\uD800.example",
  `https://${"a".repeat(100_000)}.example`,
  " https://example.com ",
  "https://example.com/\u202Eexe.txt",
  "https://例え.jp/パス",
  "HTTPS://EXAMPLE.COM",
];
const EMAILS = [
  "",
  " ",
  "@",
  "a@",
  "@b",
  "a@b",
  "a@b.c\u0000",
  "a\uD800@example.com",
  `${"x".repeat(300)}@example.com`,
  "ａ@example.com",
  '"q"@example.com',
  "a@[127.0.0.1]",
  "a+tag@example.com",
  "MiXeD@Example.COM",
  " padded@example.com ",
  "a@example.com\r\nBcc: x@evil.example",
  "a@exa_mple.com",
  "<a@example.com>",
];
const IDS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800",
  "x\uDFFF",
  "x".repeat(10_000),
  "x".repeat(100_000),
  "../../etc/passwd",
  "..%2F..%2F",
  "%00",
  "' OR '1'='1",
  "😀",
  "ｉｄ",
  `c${"0".repeat(24)}`,
  "null",
  "undefined",
  "__proto__",
  "constructor",
  "0",
  "-1",
];
const RIGHT_TYPE_NUMBERS = [
  -1,
  -0,
  0,
  0.5,
  1.5,
  5.000001,
  6,
  99,
  -(2 ** 31),
  2 ** 31,
  2 ** 53 + 2,
  1e21,
  1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  NaN,
  Infinity,
  -Infinity,
];
// 1 byte over each upload limit (2 MB CSV, 5 MB taxonomy), built once.
const OVER_LIMIT = ["a".repeat(2 * 1024 * 1024 + 1), "a".repeat(5 * 1024 * 1024 + 1)];

/** A CSV with the right header and one to three rows of hostile cells (quoted, so each stays one cell). */
const hostileCsv: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...IDS), hostileString),
      fc.oneof(fc.constantFrom(...RIGHT_TYPE_NUMBERS.map(String)), hostileString),
      hostileString,
      fc.constantFrom(...URLS, ""),
      fc.constantFrom("yes", "no", "", "maybe", "\u0000"),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map(
    (rows) =>
      `skill_id,level,note,evidence_url,wants_to_grow\n${rows.map((r) => r.map((c) => `"${c.replaceAll('"', '""')}"`).join(",")).join("\n")}\n`,
  );

/** For each kind of field, the hostile values it gets. */
const byKind = {
  date: fc.oneof({ arbitrary: fc.constantFrom(...DATES), weight: 4 }, { arbitrary: hostileString, weight: 1 }),
  url: fc.oneof({ arbitrary: fc.constantFrom(...URLS), weight: 4 }, { arbitrary: hostileString, weight: 1 }),
  email: fc.oneof({ arbitrary: fc.constantFrom(...EMAILS), weight: 4 }, { arbitrary: hostileString, weight: 1 }),
  id: fc.oneof({ arbitrary: fc.constantFrom(...IDS), weight: 4 }, { arbitrary: hostileString, weight: 1 }),
  csv: fc.oneof({ arbitrary: hostileCsv, weight: 4 }, { arbitrary: fc.constantFrom(...OVER_LIMIT, ""), weight: 1 }),
  file: fc.oneof(hostileString, fc.constantFrom(...OVER_LIMIT)),
  text: hostileString,
  number: fc.oneof(
    { arbitrary: fc.constantFrom(...RIGHT_TYPE_NUMBERS), weight: 3 },
    { arbitrary: fc.double(), weight: 1 },
    { arbitrary: fc.integer(), weight: 1 },
  ),
  boolean: fc.boolean(),
};
type Kind = keyof typeof byKind;

/** What a field holds, from its name and its value in a valid payload. */
export function kindOf(key: string, value: unknown): Kind {
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (/date/i.test(key)) return "date";
  if (/url|link/i.test(key)) return "url";
  if (/email/i.test(key)) return "email";
  if (/^id$|Id$/.test(key)) return "id";
  if (key === "csv") return "csv";
  if (key === "text") return "file";
  return "text";
}

export type ValuePlan = {
  /** Which leaves to spoil (mod the number of leaves) and a hostile value of every kind for each. */
  picks: { pick: number; values: { [K in Kind]: (typeof byKind)[K] extends fc.Arbitrary<infer T> ? T : never } }[];
  /** Repeat the first element of one list this many times (0: leave lists alone). */
  grow: { pick: number; times: number };
  formData: boolean;
};

export const valuePlanArb: fc.Arbitrary<ValuePlan> = fc.record({
  picks: fc.array(fc.record({ pick: fc.nat(), values: fc.record(byKind) }), { minLength: 1, maxLength: 3 }),
  grow: fc.oneof(
    { arbitrary: fc.constant({ pick: 0, times: 0 }), weight: 5 },
    { arbitrary: fc.record({ pick: fc.nat(), times: fc.constantFrom(2, 301, 501, 5_001) }), weight: 1 },
  ),
  formData: fc.nat(5).map((n) => n === 0),
});

/** Applies a value plan to a fresh copy of a valid payload; `paths` are every field it spoilt. */
export function applyValuePlan(base: Record<string, unknown>, plan: ValuePlan): Applied {
  const copy = structuredClone(base);
  const leaves = pathsOf(copy).filter((p) => {
    const v = getIn(copy, p);
    return v === null || typeof v !== "object";
  });
  const spoilt: string[] = [];
  const described: string[] = [];
  for (const { pick, values } of leaves.length ? plan.picks : []) {
    const path = leaves[pick % leaves.length];
    const key = String([...path].reverse().find((k) => typeof k === "string") ?? "");
    const kind = kindOf(key, getIn(copy, path));
    setIn(copy, path, values[kind]);
    const name = path.map(String).join(".");
    spoilt.push(name);
    described.push(`${name} = ${summarise(values[kind])}`);
  }
  const lists = pathsOf(copy).filter((p) => Array.isArray(getIn(copy, p)) && (getIn(copy, p) as unknown[]).length > 0);
  if (plan.grow.times && lists.length) {
    const path = lists[plan.grow.pick % lists.length];
    const first = (getIn(copy, path) as unknown[])[0];
    setIn(
      copy,
      path,
      Array.from({ length: plan.grow.times }, () => structuredClone(first)),
    );
    spoilt.push(path.map(String).join("."));
    described.push(`${path.map(String).join(".")} × ${plan.grow.times}`);
  }
  // Only a flat payload can travel as a browser form; a nested one would change shape.
  const flat = Object.values(copy).every((v) => v === null || typeof v !== "object");
  const asForm = plan.formData && flat;
  return {
    payload: asForm ? toFormData(copy) : copy,
    path: spoilt[0] ?? null,
    paths: spoilt,
    describe: `${described.join(", ")}${asForm ? " (as FormData)" : ""}`,
  };
}
