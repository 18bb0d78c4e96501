import { describe, expect, it } from "vitest";
import { canAdminister, managedTeamsWhere, visibleReviewsWhere, visibleTeamsWhere } from "@/lib/data/policy";
import { oidcProvider } from "@/lib/auth/oidc";
import { passwordProblem } from "@/lib/auth/common-passwords";

const member = { id: "u1", isAdmin: false };
const admin = { id: "a1", isAdmin: true };

describe("permission policy", () => {
  it("gives admins unrestricted filters and nobody else", () => {
    for (const f of [visibleTeamsWhere, managedTeamsWhere, visibleReviewsWhere]) {
      expect(f(admin)).toEqual({});
      expect(f(member)).not.toEqual({});
    }
  });

  it("limits managed teams to manager memberships", () => {
    expect(managedTeamsWhere(member)).toEqual({ memberships: { some: { userId: "u1", role: "manager" } } });
    expect(visibleTeamsWhere(member)).toEqual({ memberships: { some: { userId: "u1" } } });
  });

  it("shows reviews to their subject and to current managers of the team (being the review's manager is not enough)", () => {
    expect(visibleReviewsWhere(member)).toEqual({
      OR: [{ subjectId: "u1" }, { team: { memberships: { some: { userId: "u1", role: "manager" } } } }],
    });
  });

  it("only lets admins administer", () => {
    expect(canAdminister(admin)).toBe(true);
    expect(canAdminister(member)).toBe(false);
    expect(canAdminister(null)).toBe(false);
  });
});

describe("OIDC provider config", () => {
  const base = {
    OIDC_NAME: "Acme SSO",
    OIDC_ISSUER: undefined,
    OIDC_CLIENT_ID: undefined,
    OIDC_CLIENT_SECRET: undefined,
  };

  it.each([
    ["nothing set", {}],
    ["issuer only", { OIDC_ISSUER: "https://id.example.com" }],
    ["no secret", { OIDC_ISSUER: "https://id.example.com", OIDC_CLIENT_ID: "app" }],
  ])("is off with %s", (_name, extra) => {
    expect(oidcProvider({ ...base, ...extra })).toBeNull();
  });

  it("builds an OIDC provider from the issuer's discovery document, with PKCE and state", () => {
    const p = oidcProvider({
      ...base,
      OIDC_ISSUER: "https://id.example.com/realms/acme/",
      OIDC_CLIENT_ID: "skillgap",
      OIDC_CLIENT_SECRET: "s3cret",
    });
    expect(p).not.toBeNull();
    expect(p).toMatchObject({
      id: "oidc",
      name: "Acme SSO",
      type: "oauth",
      wellKnown: "https://id.example.com/realms/acme/.well-known/openid-configuration",
      issuer: "https://id.example.com/realms/acme",
      clientId: "skillgap",
      clientSecret: "s3cret",
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile" } },
    });
    expect(p!.profile({ sub: "abc", email: "Jo@Example.com", name: "Jo" }, {} as never)).toEqual({
      id: "abc",
      name: "Jo",
      email: "jo@example.com",
      image: null,
    });
    expect(() => p!.profile({ sub: "abc" }, {} as never)).toThrow(/email/);
  });
});

describe("password rules", () => {
  it.each([
    ["short1234", /at least 10 characters/],
    ["1234567890", /most commonly used/],
    ["Password123", /most commonly used/],
    ["qwertyuiop", /most commonly used/],
    ["aaaaaaaaaaaa", /repeated character/],
    ["x".repeat(201), /at most 200/],
  ])("refuses %s", (pw, message) => {
    expect(passwordProblem(pw)).toMatch(message);
  });

  it("refuses a password containing the email name", () => {
    expect(passwordProblem("alexander-2026!", "alexander@example.com")).toMatch(/email name/);
  });

  it("accepts a long uncommon password", () => {
    expect(passwordProblem("correct horse battery", "jo@example.com")).toBeNull();
  });
});
