/**
 * Sequential, colour-blind-safe scale (light to dark blue) for levels 0–5, with a text colour that keeps 4.5:1 contrast.
 * Theme variables, so dark mode (app/globals.css) mirrors the scale: there, higher levels are lighter, and the text
 * colours swap with them.
 */
export const HEAT = [
  { bg: "var(--color-slate-50)", fg: "var(--color-slate-900)" },
  { bg: "var(--color-blue-100)", fg: "var(--color-slate-900)" },
  { bg: "var(--color-blue-300)", fg: "var(--color-slate-900)" },
  { bg: "var(--color-blue-600)", fg: "var(--color-white)" },
  { bg: "var(--color-blue-700)", fg: "var(--color-white)" },
  { bg: "var(--color-blue-950)", fg: "var(--color-white)" },
] as const;
