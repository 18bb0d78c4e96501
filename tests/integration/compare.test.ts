import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorld, type World } from "../support/world";
import { getComparePage } from "@/lib/data/pages";
import { saveMyRatings, setMyRoles } from "@/lib/data/ratings";
import { NotFoundError } from "@/lib/data/errors";

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.db.close());

const newUser = async (key: string) => {
  const u = await w.db.prisma.user.create({
    data: { email: `${key}-${w.tag}-${Math.random().toString(36).slice(2)}@t.local` },
  });
  return { id: u.id, isAdmin: false };
};

describe("getComparePage", () => {
  it("without a query: Infrastructure vs Platform Engineer, by aspects and by skills", async () => {
    const me = await newUser("cmp-default");
    const c = await getComparePage(me);
    expect([c.a.id, c.b?.id]).toEqual(["infrastructure-engineer", "platform-engineer"]);
    expect(c.problems).toEqual([]);
    expect(c.aspects?.find((x) => x.key === "reportsTo")?.a.lines[0].items[0].text).toBe("Infrastructure Manager");
    expect(c.rows?.length).toBeGreaterThan(0);
    expect(c.rows?.every((r) => r.current === null)).toBe(true); // nothing rated yet
    expect(c.summaries).toHaveLength(2);
  });

  it("preselects my current role as A and my target as B, and shows my levels beside both", async () => {
    const me = await newUser("cmp-target");
    await setMyRoles(me, "devops-engineer", "site-reliability-engineer");
    await saveMyRatings(me, [
      { skillId: "linux", level: 2, note: null, evidenceUrl: null, wantsToGrow: false },
      { skillId: "scripting", level: 0, note: null, evidenceUrl: null, wantsToGrow: false },
    ]);
    const c = await getComparePage(me);
    expect(c.picked).toEqual({ a: "devops-engineer", b: "site-reliability-engineer" });
    const linux = c.rows?.find((r) => r.skill === "linux");
    expect(linux?.current).toBe(2);
    expect(c.rows?.find((r) => r.skill === "scripting")?.current).toBe(0);
    expect(c.rated).toBe(2);
    // A query wins over the preselection.
    const q = await getComparePage(me, "cloud-engineer", "platform-engineer");
    expect(q.picked).toEqual({ a: "cloud-engineer", b: "platform-engineer" });
  });

  it("names an unknown role instead of failing, and explains the same role twice", async () => {
    const me = await newUser("cmp-bad");
    const bad = await getComparePage(me, "no-such-role", "platform-engineer");
    expect(bad.problems).toEqual(['No role called "no-such-role". Pick one from the list.']);
    expect(bad.comparison).toBeNull();
    expect(bad.aspects).toBeNull();
    const twice = await getComparePage(me, "platform-engineer", "platform-engineer");
    expect(twice.problems[0]).toMatch(/You picked Platform Engineer twice/);
    expect(twice.single?.roleId).toBe("platform-engineer");
    const alone = await getComparePage(me, "platform-engineer", "none");
    expect(alone.problems).toEqual([]);
    expect(alone.single?.roleId).toBe("platform-engineer");
  });

  it("answers not found for a user that does not exist", async () => {
    await expect(getComparePage({ id: "no-such-user", isAdmin: false })).rejects.toBeInstanceOf(NotFoundError);
  });
});
