import type { Metadata } from "next";
import { oidcEnabled, env } from "@/lib/env";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const callbackUrl = safeCallback(sp.callbackUrl);
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <SignInForm callbackUrl={callbackUrl} sso={oidcEnabled() ? env().OIDC_NAME : null} initialError={sp.error ? errorText(sp.error) : null} />
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

function errorText(code: string): string {
  if (code === "OAuthAccountNotLinked") return "This email is already registered with a password. Sign in with it.";
  if (code === "CredentialsSignin") return "Email or password is incorrect.";
  return code.length < 200 && /^[\w .,'-]+$/.test(code) && code.includes(" ") ? code : "Sign-in failed. Please try again.";
}
