import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Dark mode remaps Tailwind's colour variables in app/globals.css. This checks, with the real values, that every
 * text/background pair the app's class names use keeps WCAG AA (4.5:1) in light and in dark mode: a pair written in
 * one className (`bg-brand-700 text-white`, `hover:bg-brand-900 hover:text-white`), and every text colour on the
 * page surfaces (white cards, the slate-50 page, slate-100 rows).
 */
const root = path.resolve(import.meta.dirname, "../..");
const themeCss = readFileSync(path.join(root, "node_modules/tailwindcss/theme.css"), "utf8");
const globalsCss = readFileSync(path.join(root, "app/globals.css"), "utf8");

function vars(css: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of css.matchAll(/--color-([a-z]+(?:-\d+)?):\s*([^;]+);/g)) out.set(m[1], m[2].trim());
  return out;
}

const darkBlock = /@media screen and \(prefers-color-scheme: dark\)\s*\{([\s\S]*?)\n\}/.exec(globalsCss)?.[1] ?? "";
const light = new Map([...vars(themeCss), ...vars(globalsCss.replace(darkBlock, ""))]);
const dark = new Map([...light, ...vars(darkBlock)]);

/** Relative luminance (0–1) of an `oklch(L% C h)` or `#rrggbb` colour. */
function luminance(value: string): number {
  let rgb: number[];
  const ok = /oklch\(([\d.]+)%\s+([\d.]+)\s+([\d.]+)\)/.exec(value);
  if (ok) {
    const L = Number(ok[1]) / 100;
    const h = (Number(ok[3]) * Math.PI) / 180;
    const a = Number(ok[2]) * Math.cos(h);
    const b = Number(ok[2]) * Math.sin(h);
    const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
    const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
    const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
    rgb = [
      4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
      -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
      -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
    ].map((c) => Math.min(1, Math.max(0, c)));
  } else {
    const hex = value.replace("#", "");
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
    rgb = [0, 2, 4]
      .map((i) => parseInt(full.slice(i, i + 2), 16) / 255)
      .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  }
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

function contrast(a: string, b: string): number {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(f) ? [p] : [];
  });
}

const COLOUR = "((?:slate|brand|red|orange|amber|green|blue)-\\d+|white|black)";
const pairs = new Map<string, string>();
const textColours = new Set<string>();
for (const file of [...sources(path.join(root, "app")), ...sources(path.join(root, "components"))]) {
  for (const [literal] of readFileSync(file, "utf8").matchAll(/"[^"\n]*"|`[^`]*`/g)) {
    for (const prefix of ["", "hover:"]) {
      const text = new RegExp(`(?:^|[\\s"\`])${prefix}text-${COLOUR}(?=[\\s"\`]|$)`).exec(literal)?.[1];
      const bg = new RegExp(`(?:^|[\\s"\`])${prefix}bg-${COLOUR}(?=[\\s"\`]|$)`).exec(literal)?.[1];
      if (text && !prefix) textColours.add(text);
      if (text && bg) pairs.set(`text-${text} on bg-${bg}`, path.relative(root, file));
    }
  }
}
// White text only ever sits on a colour of its own (a button, a badge), which the same-className pairs cover.
for (const text of [...textColours].filter((t) => t !== "white"))
  for (const surface of ["white", "slate-50", "slate-100"]) pairs.set(`text-${text} on bg-${surface}`, "surface");

// The heat map's cells: a background and its text colour per level.
const heat = readFileSync(path.join(root, "components/heat-colors.ts"), "utf8");
for (const m of heat.matchAll(/bg: "var\(--color-([a-z]+-\d+|white)\)", fg: "var\(--color-([a-z]+-\d+|white)\)"/g))
  pairs.set(`text-${m[2]} on bg-${m[1]}`, "components/heat-colors.ts");

describe("colour contrast in light and dark mode", () => {
  it("finds the pairs the app uses", () => {
    expect(pairs.get("text-white on bg-brand-700")).toBeDefined();
    expect(pairs.get("text-white on bg-blue-950")).toBe("components/heat-colors.ts");
    expect(dark.get("white")).not.toBe(light.get("white"));
  });

  for (const mode of ["light", "dark"] as const) {
    it(`every text/background pair reaches 4.5:1 in ${mode} mode`, () => {
      const palette = mode === "light" ? light : dark;
      const low = [...pairs].flatMap(([pair, where]) => {
        const [, fg, bg] = /^text-(\S+) on bg-(\S+)$/.exec(pair)!;
        const ratio = contrast(palette.get(fg)!, palette.get(bg)!);
        return ratio < 4.5 ? [`${pair} (${where}): ${ratio.toFixed(2)}`] : [];
      });
      expect(low).toEqual([]);
    });
  }
});
