import { describe, expect, it } from "vitest";
import { digestContent, type DigestInput } from "@/lib/domain/digest";

const NOW = new Date("2026-12-01T07:00:00Z");
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

const empty = (over: Partial<DigestInput> = {}): DigestInput => ({
  userId: "me",
  teams: [],
  levelChanges: [],
  goals: [],
  certifications: [],
  reviews: [],
  unread: 0,
  ...over,
});

const platform = (members: DigestInput["teams"][number]["members"]) => ({ id: "t1", name: "Platform", members });
const me = { userId: "me", name: "Me", joinedAt: day(-300) };

describe("digestContent", () => {
  it("is null when there is nothing to say", () => {
    expect(digestContent(empty(), NOW)).toBeNull();
    // Old news, goals far off or done, a certification expired or far off, nobody new: still nothing.
    expect(
      digestContent(
        empty({
          teams: [platform([me, { userId: "sam", name: "Sam", joinedAt: day(-8) }])],
          levelChanges: [{ userId: "sam", skillId: "k8s", at: day(-8) }],
          goals: [
            { skillName: "Kubernetes", targetLevel: 3, dueDate: day(15), open: true },
            { skillName: "Terraform", targetLevel: 2, dueDate: day(3), open: false },
            { skillName: "Go", targetLevel: 2, dueDate: null, open: true },
          ],
          certifications: [
            { name: "CKA", expiresOn: day(-1) },
            { name: "CKAD", expiresOn: day(31) },
            { name: "Forever", expiresOn: null },
          ],
        }),
        NOW,
      ),
    ).toBeNull();
  });

  it("names what is due, plainly, earliest first", () => {
    const c = digestContent(
      empty({
        goals: [
          { skillName: "Kubernetes", targetLevel: 3, dueDate: date("2026-12-08"), open: true },
          { skillName: "Terraform", targetLevel: 2, dueDate: date("2026-11-20"), open: true },
        ],
        certifications: [{ name: "CKA", expiresOn: date("2026-12-20") }],
      }),
      NOW,
    )!;
    expect(c.lines).toEqual([
      "Due for you:",
      "Goal: Terraform to level 2, overdue since 2026-11-20",
      "Goal: Kubernetes to level 3, due 2026-12-08",
      "Certification: CKA expires 2026-12-20",
    ]);
    expect(c.subject).toBe("Your week: 3 things due");
  });

  it("includes goals due on the 14th day and certifications expiring on the 30th, not a day later", () => {
    const c = digestContent(
      empty({
        goals: [
          { skillName: "In", targetLevel: 1, dueDate: date("2026-12-15"), open: true },
          { skillName: "Out", targetLevel: 1, dueDate: date("2026-12-16"), open: true },
        ],
        certifications: [
          { name: "InCert", expiresOn: date("2026-12-31") },
          { name: "OutCert", expiresOn: date("2027-01-01") },
        ],
      }),
      NOW,
    )!;
    expect(c.lines.join("\n")).toContain("Goal: In to level 1");
    expect(c.lines.join("\n")).toContain("Certification: InCert");
    expect(c.lines.join("\n")).not.toContain("Out");
  });

  it("lists the review steps waiting for the reader, with the cycle's deadline for their side", () => {
    const cycle = {
      name: "Q4 2026",
      selfDeadline: date("2026-12-10"),
      managerDeadline: date("2026-12-20"),
      closed: false,
    };
    const c = digestContent(
      empty({
        reviews: [
          {
            id: "r1",
            state: "self_assessment",
            subjectId: "me",
            subjectName: "Me",
            managerId: "boss",
            period: "H2",
            dueDate: date("2026-12-31"),
            cycle,
          },
          {
            id: "r2",
            state: "manager_assessment",
            subjectId: "sam",
            subjectName: "Sam",
            managerId: "me",
            period: "H2",
            dueDate: date("2026-12-31"),
            cycle,
          },
          {
            id: "r3",
            state: "self_assessment",
            subjectId: "ann",
            subjectName: "Ann",
            managerId: "me",
            period: "Solo",
            dueDate: date("2026-11-25"),
            cycle: null,
          },
          {
            id: "r4",
            state: "manager_assessment",
            subjectId: "me",
            subjectName: "Me",
            managerId: "boss",
            period: "Solo",
            dueDate: date("2026-11-25"),
            cycle: null,
          },
        ],
      }),
      NOW,
    )!;
    expect(c.lines).toEqual([
      "Due for you:",
      'Review: your self-assessment in review cycle "Q4 2026", due 2026-12-10',
      'Review: your assessment of Sam in review cycle "Q4 2026", due 2026-12-20',
    ]);
  });

  it("says who joined the reader's teams and how many skills teammates changed — counts only, never levels", () => {
    const c = digestContent(
      empty({
        teams: [
          platform([
            me,
            { userId: "sam", name: "Sam Lee", joinedAt: date("2026-11-28") },
            { userId: "ann", name: "Ann", joinedAt: day(-100) },
          ]),
        ],
        levelChanges: [
          { userId: "sam", skillId: "k8s", at: day(-1) },
          { userId: "sam", skillId: "k8s", at: day(-2) },
          { userId: "sam", skillId: "go", at: day(-3) },
          { userId: "sam", skillId: "tf", at: day(-6) },
          { userId: "ann", skillId: "go", at: day(-10) }, // before the window
          { userId: "me", skillId: "go", at: day(-1) }, // the reader's own
        ],
      }),
      NOW,
    )!;
    expect(c.lines).toEqual([
      "In your teams, the last 7 days:",
      "Platform: Sam Lee joined on 2026-11-28",
      "Platform: Sam Lee updated 3 skills",
    ]);
    expect(c.subject).toBe("Your week: 2 team updates");
    expect(c.lines.join("\n")).not.toMatch(/level/i);
  });

  it("never names people outside the reader's teams, even when the input holds their changes", () => {
    const c = digestContent(
      empty({
        teams: [platform([me, { userId: "sam", name: "Sam", joinedAt: day(-100) }])],
        levelChanges: [
          { userId: "stranger", skillId: "k8s", at: day(-1) },
          { userId: "sam", skillId: "k8s", at: day(-1) },
        ],
      }),
      NOW,
    )!;
    expect(c.lines).toEqual(["In your teams, the last 7 days:", "Platform: Sam updated 1 skill"]);
    expect(
      digestContent(empty({ levelChanges: [{ userId: "stranger", skillId: "k8s", at: day(-1) }] }), NOW),
    ).toBeNull();
  });

  it("mentions a teammate of two shared teams once, and not the reader's own joining", () => {
    const sam = { userId: "sam", name: "Sam", joinedAt: day(-50) };
    const c = digestContent(
      empty({
        teams: [{ id: "t2", name: "SRE", members: [{ ...me, joinedAt: day(-1) }, sam] }, platform([me, sam])],
        levelChanges: [{ userId: "sam", skillId: "k8s", at: day(-1) }],
      }),
      NOW,
    )!;
    expect(c.lines).toEqual(["In your teams, the last 7 days:", "Platform: Sam updated 1 skill"]);
  });

  it("counts unread notifications, and says them alone when nothing else is new", () => {
    expect(digestContent(empty({ unread: 4 }), NOW)).toEqual({
      subject: "Your week: 4 unread",
      lines: ["You have 4 unread notifications."],
    });
    const c = digestContent(
      empty({ unread: 1, goals: [{ skillName: "Go", targetLevel: 2, dueDate: day(2), open: true }] }),
      NOW,
    )!;
    expect(c.lines.at(-1)).toBe("You have 1 unread notification.");
    expect(c.subject).toBe("Your week: 1 thing due, 1 unread");
  });

  it("keeps long lists short", () => {
    const members = Array.from({ length: 15 }, (_, i) => ({
      userId: `p${i}`,
      name: `Person ${String(i).padStart(2, "0")}`,
      joinedAt: day(-1),
    }));
    const c = digestContent(empty({ teams: [platform([me, ...members])] }), NOW)!;
    expect(c.lines).toHaveLength(1 + 10 + 1);
    expect(c.lines.at(-1)).toBe("Platform: and 5 other people joined");
    expect(c.subject).toBe("Your week: 15 team updates");
  });
});
