"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/" })}
      className="min-h-11 rounded border border-slate-400 px-3 whitespace-nowrap text-slate-800 hover:bg-slate-100"
    >
      Sign out
    </button>
  );
}
