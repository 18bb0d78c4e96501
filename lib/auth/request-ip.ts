import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { clientIp } from "./client-ip";

/** The client address of the current request (server actions, route handlers), as TRUSTED_PROXY_HOPS allows. */
export async function requestIp(): Promise<string> {
  try {
    const h = await headers();
    return clientIp((name) => h.get(name), env().TRUSTED_PROXY_HOPS);
  } catch {
    return "unknown"; // outside a request (scripts, tests)
  }
}
