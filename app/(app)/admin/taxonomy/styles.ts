/** Class names the editor's pages and forms share (Tailwind, as on the other admin pages). */
export const button =
  "min-h-11 rounded border border-slate-400 bg-white px-4 py-2 font-medium hover:bg-slate-50 disabled:opacity-60";
export const primary =
  "min-h-11 rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900 disabled:opacity-60";
export const danger =
  "min-h-11 rounded bg-red-700 px-4 py-2 font-medium text-white hover:bg-red-800 disabled:opacity-60";
export const input =
  "min-h-11 w-full max-w-full rounded border border-slate-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-700";
export const label = "block font-medium";
export const link = "inline-flex min-h-11 items-center text-brand-700 underline";
