import type { Metadata } from "next";
import { oidcEnabled, env } from "@/lib/env";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { SignInForm } from "./sign-in-form";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const callbackUrl = safeCallback(firstParam(sp.callbackUrl));
  const error = firstParam(sp.error);
  return (
    <section className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Sign in</h1>
      <SignInForm
        callbackUrl={callbackUrl}
        sso={oidcEnabled() ? env().OIDC_NAME : null}
        initialError={error ? signInErrorMessage(error) : null}
      />
    </section>
  );
}

/** Only same-site paths, so the sign-in page cannot be used to bounce people to another site. */
function safeCallback(value: string | undefined): string {
  if (!value) return "/dashboard";
  try {
    const u = new URL(value, "http://local");
    if (u.origin !== "http://local" && !value.startsWith("http://localhost") && !value.startsWith("https://"))
      return "/dashboard";
    const path = `${u.pathname}${u.search}`;
    return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/signin") ? path : "/dashboard";
  } catch {
    return "/dashboard";
  }
}
