import type { BarSeries } from "./bars";

/**
 * Horizontal (optionally stacked) bars drawn on the server in HTML and CSS: no client JavaScript, so a page with many
 * of them hydrates nothing for them. For charts without interaction; pair it with a table, which carries the numbers.
 * Same data shape as HorizontalBars: one row per item, `label` plus one number per series key.
 */
export function StaticBars({
  data,
  series,
  label,
  max,
  empty,
}: {
  data: Record<string, string | number>[];
  series: BarSeries[];
  label: string;
  max?: number;
  empty?: string;
}) {
  const value = (row: Record<string, string | number>, key: string) => Math.max(0, Number(row[key] ?? 0) || 0);
  if (empty !== undefined && !data.some((d) => series.some((s) => value(d, s.key) > 0)))
    return (
      <p className="text-slate-700" data-testid="bar-chart-empty">
        {empty}
      </p>
    );
  // Stacks share one bar; a chart without stacks draws its series side by side as thinner bars.
  const stacked = series.every((s) => s.stack !== undefined);
  const total = (row: Record<string, string | number>) =>
    stacked ? series.reduce((n, s) => n + value(row, s.key), 0) : Math.max(0, ...series.map((s) => value(row, s.key)));
  const top = max ?? niceMax(Math.max(1, ...data.map(total)));
  const ticks = tickValues(top);
  const pct = (n: number) => `${Math.min(100, (n / top) * 100)}%`;
  return (
    <div className="mt-2 w-full" role="img" aria-label={label} data-testid="bar-chart">
      <ul className="space-y-1.5" aria-hidden="true">
        {data.map((row, i) => (
          <li key={`${row.label}-${i}`} className="grid gap-x-2 text-xs text-slate-700 sm:grid-cols-[12rem_1fr]">
            <span className="truncate sm:text-right" title={String(row.label)}>
              {row.label}
            </span>
            {stacked ? (
              <span className="flex h-4 w-full bg-slate-100">
                {series.map((s) =>
                  value(row, s.key) > 0 ? (
                    <span
                      key={s.key}
                      className="h-full"
                      style={{ width: pct(value(row, s.key)), background: s.color }}
                    />
                  ) : null,
                )}
              </span>
            ) : (
              <span className="block w-full space-y-0.5 bg-slate-100 py-0.5">
                {series.map((s) => (
                  <span
                    key={s.key}
                    className="block h-3"
                    style={{ width: pct(value(row, s.key)), background: s.color }}
                  />
                ))}
              </span>
            )}
          </li>
        ))}
      </ul>
      <div className="mt-1 grid gap-x-2 text-xs text-slate-700 sm:grid-cols-[12rem_1fr]" aria-hidden="true">
        <span className="hidden sm:block" />
        <span className="relative block h-4">
          {ticks.map((t) => (
            <span
              key={t}
              className="absolute top-0 -translate-x-1/2 tabular-nums first:translate-x-0 last:-translate-x-full"
              style={{ left: pct(t) }}
            >
              {t}
            </span>
          ))}
        </span>
      </div>
      {series.length > 1 && (
        <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-hidden="true">
          {series.map((s) => (
            <span key={s.key} className="inline-flex items-center gap-1">
              <span className="inline-block h-3 w-3 border border-slate-400" style={{ background: s.color }} />
              {s.name}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

/** The axis's end: the smallest of 1, 2, 5 × 10ⁿ at or above the largest bar. */
function niceMax(n: number): number {
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= n) ?? 10 * p;
}

/** Up to six evenly spaced whole-number ticks from 0 to `top`. */
function tickValues(top: number): number[] {
  const step = Math.max(1, Math.ceil(top / 5));
  const ticks: number[] = [];
  for (let t = 0; t < top; t += step) ticks.push(t);
  return [...ticks, top];
}
