/**
 * Regression tests for "no HTTP 500 and no raw error for any input, from any channel": each case below answered 500 (or
 * threw) before the fix. Pages are rendered to HTML the way the server would (async components included), route
 * handlers and actions are called directly, and every refusal must name the field and change nothing.
 */
import { prerenderToNodeStream } from "react-dom/static";
import { createElement, type ReactNode } from "react";
import { AppRouterContext } from "next/dist/shared/lib/app-router-context.shared-runtime";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { session, sessionModule } from "../support/session-mock";
import { createWorld, type World } from "../support/world";
import { changedTables, dbWatcher, LEAK } from "../support/fuzz";
import { appendRatings } from "@/lib/data/rating-store";
import { startReview } from "@/lib/data/review-writes";
import { isoDay } from "@/lib/validation";
import { TAXONOMY_MAX_MB, CSV_MAX_MB, MB } from "@/lib/upload-limits";
import SkillsPage from "@/app/(public)/skills/page";
import SkillPage, { generateMetadata as skillMetadata } from "@/app/(public)/skills/[id]/page";
import RolePage, { generateMetadata as roleMetadata } from "@/app/(public)/roles/[id]/page";
import TeamPage from "@/app/(app)/teams/[id]/page";
import ReviewPage from "@/app/(app)/reviews/[id]/page";
import ComparePage from "@/app/(app)/compare/page";
import MySkillsPage from "@/app/(app)/me/skills/page";
import SignInPage from "@/app/(auth)/signin/page";
import * as myRatings from "@/app/api/me/ratings/route";
import * as teamMatrix from "@/app/api/teams/[id]/matrix/route";
import { createGoalAction, importRatingsAction } from "@/app/(app)/me/actions";
import { reviewGoalAction, startReviewAction } from "@/app/(app)/reviews/actions";
import { importTaxonomyAction } from "@/app/(app)/admin/actions";

vi.mock("@/lib/auth/session", () => sessionModule);

let w: World;
let reviewId = "";
const inAMonth = isoDay(new Date(Date.now() + 30 * 86_400_000));

beforeAll(async () => {
  w = await createWorld();
  const p = w.db.prisma;
  // Enough rated members that the team page shows its matrix and charts, so the filters are read.
  const skills = (await p.skill.findMany({ take: 8, orderBy: { id: "asc" }, select: { id: true } })).map((s) => s.id);
  for (const [i, u] of [w.actors.member, w.actors.manager].entries()) {
    await p.$transaction((tx) =>
      appendRatings(
        tx,
        u.id,
        skills.map((skillId, j) => ({ skillId, level: (i + j) % 6 })),
        { source: "self" },
      ),
    );
  }
  for (let i = 0; i < 3; i++) {
    const u = await p.user.create({ data: { email: `hostile-${i}-${w.tag}@test.local`, name: `Rated ${i}` } });
    await p.teamMembership.create({ data: { teamId: w.teamId, userId: u.id, role: "member" } });
    await p.$transaction((tx) =>
      appendRatings(
        tx,
        u.id,
        skills.map((skillId, j) => ({ skillId, level: (i + j + 2) % 6 })),
        { source: "self" },
      ),
    );
  }
  await p.user.update({
    where: { id: w.actors.member.id },
    data: { currentRoleId: "infrastructure-engineer", targetRoleId: "platform-engineer" },
  });
  reviewId = (
    await startReview(w.actors.manager, {
      teamId: w.teamId,
      subjectId: w.actors.member.id,
      period: `hostile ${w.tag}`,
      dueDate: new Date(Date.now() + 86_400_000),
    })
  ).id;
});
afterAll(() => w.db.close());

// Client components call useRouter(); outside Next there is no router, so the render gets one that goes nowhere.
const router = {
  back() {},
  forward() {},
  refresh() {},
  push() {},
  replace() {},
  prefetch() {},
  hmrRefresh() {},
} as never;

/** The page rendered to HTML as the server would (async server components awaited), or the first error it threw. */
async function render(node: ReactNode | Promise<ReactNode>): Promise<string> {
  const errors: unknown[] = [];
  const { prelude } = await prerenderToNodeStream(
    createElement(AppRouterContext.Provider, { value: router }, await node),
    { onError: (e) => void errors.push(e) },
  );
  let html = "";
  for await (const chunk of prelude) html += chunk;
  if (errors.length) throw errors[0];
  return html;
}

/** What notFound() throws, so a page's "not found" can be told from a crash. */
const isNotFound = (e: unknown) =>
  typeof (e as { digest?: unknown })?.digest === "string" &&
  (e as { digest: string }).digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404");

async function outcome(run: () => Promise<unknown>): Promise<"ok" | "not found" | string> {
  try {
    await run();
    return "ok";
  } catch (e) {
    return isNotFound(e) ? "not found" : `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
}

const sp = (v: Record<string, string | string[]>) => Promise.resolve(v);
const params = <T>(v: T) => Promise.resolve(v);

describe("a. a repeated query parameter (?q=a&q=b arrives as an array)", () => {
  const repeated = {
    q: ["kube", "x"],
    page: ["1", "2"],
    category: ["all", "x"],
    gaps: ["1", "0"],
    sort: ["total", "name"],
    cols: ["coverage", "x"],
    a: ["platform-engineer", "x"],
    b: ["none", "x"],
    welcome: ["1", "1"],
    callbackUrl: ["/teams", "//evil.example"],
    error: ["CredentialsSignin", "x"],
    "x[]": ["1", "2"],
  };

  it("/skills?q=a&q=b searches for the first value", async () => {
    const html = await render(SkillsPage({ searchParams: sp(repeated) }));
    expect(html).toContain('name="q" value="kube"');
    expect(html.replaceAll("<!-- -->", "")).toContain("match “kube”");
  });

  it("/teams/<id>?page=1&page=2&q=a&q=b… renders the matrix with the first values", async () => {
    session.actor = w.actors.manager;
    const html = await render(TeamPage({ params: params({ id: w.teamId }), searchParams: sp(repeated) }));
    // The matrix's filter form, filled in from the first values ("gaps only" leaves no columns: no target profile yet).
    expect(html).toContain('name="q" value="kube"');
    expect(html).toContain("No gaps here: the team has enough people at the needed level");
  });

  it("/compare, /me/skills and /signin read the first value too", async () => {
    session.actor = w.actors.member;
    expect(await outcome(() => render(ComparePage({ searchParams: sp(repeated) })))).toBe("ok");
    expect(await render(MySkillsPage({ searchParams: sp(repeated) }))).toContain("Welcome!");
    session.actor = null;
    const signIn = await render(SignInPage({ searchParams: sp(repeated) }));
    expect(signIn).toContain("callbackUrl=%2Fteams");
    expect(signIn).toContain("Email or password is incorrect.");
  });
});

describe("b. PUT /api/me/ratings parses its body through the actions' wrapper", () => {
  const put = (body: string, type = "application/json") =>
    (myRatings.PUT as (req: Request, ctx: unknown) => Promise<Response>)(
      new Request("http://localhost/api/me/ratings", { method: "PUT", headers: { "content-type": type }, body }),
      {},
    );

  it.each([
    ["a NUL in a note", { ratings: [{ skillId: "linux", level: 3, note: "a\u0000b" }] }, "ratings.0.note"],
    ["a lone surrogate in a note", { ratings: [{ skillId: "linux", level: 3, note: "x\uD800y" }] }, "ratings.0.note"],
    ["a NUL in a skill id", { ratings: [{ skillId: "lin\u0000ux", level: 3 }] }, "ratings.0.skillId"],
    [
      "a javascript: evidence link",
      { ratings: [{ skillId: "linux", level: 3, evidenceUrl: "javascript:alert(1)" }] },
      "ratings.0.evidenceUrl",
    ],
    ["a level of 1e21", { ratings: [{ skillId: "linux", level: 1e21 }] }, "ratings.0.level"],
  ])("%s → 400 naming the field, nothing saved", async (_what, body, field) => {
    session.actor = w.actors.member;
    const state = dbWatcher(w.db);
    const before = await state();
    const res = await put(JSON.stringify(body));
    const json = await res.json();
    expect(res.status).toBe(400);
    expect(Object.keys(json.errors)).toEqual([field]);
    expect(json.error).not.toMatch(/ratings\.0\./); // the user's words, not a JSON path
    expect(JSON.stringify(json)).not.toMatch(LEAK);
    expect(changedTables(before.sums, (await state()).sums)).toEqual([]);
  });

  it("refuses another content type (415), broken JSON (400) and an oversized body (413), each naming the body", async () => {
    session.actor = w.actors.member;
    for (const [res, status] of [
      [await put(`{"ratings":[]}`, "text/plain"), 415],
      [await put(`{"ratings":[`), 400],
      [await put(""), 400],
      [await put(`{"ratings":[${`{"skillId":"linux","level":3,"note":"${"x".repeat(1000)}"},`.repeat(3000)}{}]}`), 413],
    ] as const) {
      expect(res.status).toBe(status);
      expect((await res.json()).errors.body?.[0]).toBeTruthy();
    }
  });

  it("still saves a good body", async () => {
    session.actor = w.actors.member;
    const res = await put(JSON.stringify({ ratings: [{ skillId: "linux", level: 4, note: "fine" }] }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ changed: 1 });
  });
});

describe("c. due dates are real calendar dates, 1900–9999, not in the past", () => {
  const cases: [string, string][] = [
    ["0000-01-01", "Due date must be between 1900 and 9999."],
    ["2027-02-31", "Due date is not a real date: 2027-02-31 does not exist."],
    ["275760-09-14", "Due date must be a date like 2027-03-31."],
    ["2020-01-01", "Due date must be today or later."],
  ];

  it.each(cases)("a goal due %s → refused on dueDate", async (dueDate, message) => {
    session.actor = w.actors.member;
    const r = await createGoalAction({ skillId: "linux", targetLevel: 3, dueDate });
    expect(r).toMatchObject({ ok: false, errors: { dueDate: [message] }, message: `Please correct: ${message}` });
  });

  it.each(cases)("a review due %s → refused on dueDate", async (dueDate, message) => {
    session.actor = w.actors.manager;
    const r = await startReviewAction({ teamId: w.teamId, subjectId: w.actors.member.id, period: "2026 H2", dueDate });
    expect(r).toMatchObject({ ok: false, errors: { dueDate: [message] } });
    const r2 = await reviewGoalAction({ reviewId, version: 1, skillId: "linux", targetLevel: 3, dueDate });
    expect(r2).toMatchObject({ ok: false, errors: { dueDate: [message] } });
  });

  it("a goal due in a month is kept as that day", async () => {
    session.actor = w.actors.otherMember;
    const r = await createGoalAction({ skillId: "linux", targetLevel: 3, dueDate: inAMonth });
    expect(r.ok).toBe(true);
    const goal = await w.db.prisma.goal.findFirstOrThrow({
      where: { userId: w.actors.otherMember.id },
      select: { dueDate: true },
    });
    expect(goal.dueDate?.toISOString()).toBe(`${inAMonth}T00:00:00.000Z`);
  });
});

describe("d. imports above the limit are refused with the message the form shows", () => {
  it("taxonomy over 5 MB and a CSV over 2 MB (counted in bytes)", async () => {
    session.actor = w.actors.admin;
    const big = await importTaxonomyAction({
      fileName: "big.json",
      text: `{"x":"${"a".repeat(TAXONOMY_MAX_MB * MB)}"}`,
    });
    expect(big).toMatchObject({ ok: false, errors: { text: ["File too large (max 5 MB)."] } });
    session.actor = w.actors.member;
    const csv = await importRatingsAction({
      csv: `skill_id,level,note\nlinux,3,${"€".repeat((CSV_MAX_MB * MB) / 2)}\n`,
    });
    expect(csv).toMatchObject({ ok: false, errors: { csv: ["File too large (max 2 MB)."] } });
  });
});

describe("e, f. hostile values in a dynamic segment answer not found", () => {
  // What Next hands a page after decoding: `%25E0%25A4%25A` arrives as "%E0%A4%A"; `%00` as NUL; `..%2F` as "../".
  const hostile = [
    "%",
    "%ZZ",
    "%E0%A4%A",
    "%C0%AF",
    "\u0000",
    "a\u0000b",
    "x".repeat(10_000),
    "../",
    "..\\..\\etc\\passwd",
    "😀",
    "ｉｄ",
    "' OR '1'='1",
    " ",
    "constructor",
    "__proto__",
  ];

  it.each(hostile.map((id) => [JSON.stringify(id).slice(0, 40), id]))("%s", async (_label, id) => {
    session.actor = w.actors.admin;
    expect(await outcome(() => render(SkillPage({ params: params({ id }) })))).toBe("not found");
    expect(await outcome(() => render(RolePage({ params: params({ id }) })))).toBe("not found");
    expect(await outcome(() => render(TeamPage({ params: params({ id }), searchParams: sp({}) })))).toBe("not found");
    expect(await outcome(() => render(ReviewPage({ params: params({ id }) })))).toBe("not found");
    expect(await outcome(() => skillMetadata({ params: params({ id }) }))).toBe("ok");
    expect(await outcome(() => roleMetadata({ params: params({ id }) }))).toBe("ok");
    const res = await (teamMatrix.GET as (req: Request, ctx: unknown) => Promise<Response>)(
      new Request("http://localhost/api/teams/x/matrix"),
      { params: params({ id }) },
    );
    expect(res.status).toBe(404);
  });
});
