/**
 * Colours of the charts' own parts (axes, grid, tooltip). They are Tailwind's theme variables, so they follow the
 * dark-mode remapping in app/globals.css like every class does; recharts' built-in greys and white tooltip would not.
 */
export const AXIS_TEXT = "var(--color-slate-700)";
export const GRID_LINE = "var(--color-slate-300)";
export const TOOLTIP_STYLE = {
  contentStyle: {
    background: "var(--color-white)",
    borderColor: "var(--color-slate-300)",
    color: "var(--color-slate-900)",
    // recharts keeps the tooltip on one line; long skill names would push it past a phone's edge.
    whiteSpace: "normal",
  },
  wrapperStyle: { maxWidth: "min(20rem, 80vw)" },
  labelStyle: { color: "var(--color-slate-900)" },
  // recharts writes each item in its series colour by default; a pale series on the tooltip fails contrast.
  itemStyle: { color: "var(--color-slate-900)" },
  cursor: { fill: "var(--color-slate-100)", stroke: "var(--color-slate-400)" },
} as const;
