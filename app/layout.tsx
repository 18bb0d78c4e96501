import type { Metadata } from "next";
import "./globals.css";
import { SiteNav } from "@/components/site-nav";

export const metadata: Metadata = {
  title: { default: "skillgap", template: "%s · skillgap" },
  description: "Skills-gap tracker for infrastructure and platform engineering careers.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <a href="#main" className="sr-only-focusable bg-white p-2">
          Skip to content
        </a>
        <SiteNav />
        <main id="main" className="mx-auto max-w-6xl px-4 py-8">
          {children}
        </main>
        <footer className="no-print mx-auto max-w-6xl px-4 pb-8 text-sm text-slate-600">
          skillgap — open source, self-hosted. Your ratings stay in your database.
        </footer>
      </body>
    </html>
  );
}
