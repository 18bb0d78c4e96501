import type { Metadata } from "next";
import { oidcEnabled, env } from "@/lib/env";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const callbackUrl = safeCallback(one(sp.callbackUrl));
  const error = one(sp.error);
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={callbackUrl} sso={oidcEnabled() ? env().OIDC_NAME : null} initialError={error ? signInErrorMessage(error) : null} />
    </section>
  );
}

/** Only same-site paths, so the sign-in page cannot be used to bounce people to another site. */
function safeCallback(value: string | undefined): string {
  if (!value) return "/dashboard";
  try {
    const u = new URL(value, "http://local");
    if (u.origin !== "http://local" && !value.startsWith("http://localhost") && !value.startsWith("https://")) return "/dashboard";
    const path = `${u.pathname}${u.search}`;
    return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/signin") ? path : "/dashboard";
  } catch {
    return "/dashboard";
  }
}
