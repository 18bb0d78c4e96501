import { AXIS_TEXT, GRID_LINE } from "./chart-colours";
import { tickLines } from "./tick-lines";

export type RadarSeries = { key: string; name: string; color: string; dashed?: boolean };

/** Geometry in SVG units: the radar's radius, where the category labels sit, and the room kept around it for them. */
const R = 100;
const LABEL_R = 112;
const PAD_X = 88;
const PAD_Y = 48;
const LINE = 12;
const LEVELS = [1, 2, 3, 4, 5];

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * A 0–5 radar over categories, drawn on the server as SVG: no client JavaScript, so the page that shows it hydrates
 * nothing for it, and it is there before any script runs. Each vertex has a native tooltip with its values. Data rows:
 * { categoryName, [series.key]: level }. Pair it with a table, which carries the numbers.
 */
export function LevelRadar({
  data,
  series,
  label,
}: {
  data: Record<string, string | number>[];
  series: RadarSeries[];
  label: string;
}) {
  const n = data.length;
  // The first spoke points up; the others follow clockwise.
  const at = (i: number, r: number): [number, number] => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, n);
    return [round(r * Math.cos(a)), round(r * Math.sin(a))];
  };
  const level = (row: Record<string, string | number>, key: string) =>
    Math.min(5, Math.max(0, Number(row[key] ?? 0) || 0));
  const ring = (r: number) => data.map((_, i) => at(i, r).join(",")).join(" ");
  // The level numbers run between the first two spokes, clear of the category labels.
  const between = (r: number): [number, number] => {
    const a = -Math.PI / 2 + Math.PI / Math.max(1, n);
    return [round(r * Math.cos(a)), round(r * Math.sin(a))];
  };
  return (
    <div className="w-full" data-testid="radar-chart">
      <svg
        role="img"
        aria-label={label}
        data-chart="radar"
        className="h-80 w-full lg:h-96"
        viewBox={`${-R - PAD_X} ${-R - PAD_Y} ${2 * (R + PAD_X)} ${2 * (R + PAD_Y)}`}
      >
        <g fill="none" stroke={GRID_LINE}>
          {LEVELS.map((l) => (
            <polygon key={l} points={ring((R * l) / 5)} />
          ))}
          {data.map((_, i) => (
            <line key={i} x1="0" y1="0" x2={at(i, R)[0]} y2={at(i, R)[1]} />
          ))}
        </g>
        <g fontSize="9" fill={AXIS_TEXT}>
          {LEVELS.map((l) => {
            const [x, y] = between((R * l) / 5);
            return (
              <text key={l} x={x + 2} y={y} dominantBaseline="middle">
                {l}
              </text>
            );
          })}
        </g>
        {series.map((s) => (
          <polygon
            key={s.key}
            data-series={s.key}
            points={data.map((row, i) => at(i, (R * level(row, s.key)) / 5).join(",")).join(" ")}
            stroke={s.color}
            strokeWidth="1.5"
            strokeDasharray={s.dashed ? "5 3" : undefined}
            fill={s.color}
            fillOpacity={s.dashed ? 0.05 : 0.25}
          />
        ))}
        {data.map((row, i) =>
          series.map((s) => {
            const [x, y] = at(i, (R * level(row, s.key)) / 5);
            return (
              <circle key={`${i}-${s.key}`} cx={x} cy={y} r="3" fill={s.color}>
                <title>{`${row.categoryName}: ${series.map((t) => `${t.name} ${level(row, t.key)}`).join(", ")}`}</title>
              </circle>
            );
          }),
        )}
        <g fontSize="11" fill={AXIS_TEXT}>
          {data.map((row, i) => {
            const [x, y] = at(i, LABEL_R);
            const lines = tickLines(String(row.categoryName ?? ""));
            const anchor = Math.abs(x) < 1 ? "middle" : x > 0 ? "start" : "end";
            // Above the centre a label grows upwards, below it downwards, beside it around its point.
            const first =
              anchor === "middle" && y < 0
                ? -(lines.length - 1) * LINE
                : anchor === "middle"
                  ? 8
                  : -((lines.length - 1) * LINE) / 2 + 4;
            return (
              <text key={i} x={x} y={y} textAnchor={anchor}>
                {lines.map((line, k) => (
                  <tspan key={k} x={x} dy={k === 0 ? first : LINE}>
                    {line}
                  </tspan>
                ))}
              </text>
            );
          })}
        </g>
      </svg>
      {series.length > 1 && (
        <ul className="flex flex-wrap justify-center gap-x-4 gap-y-1 text-sm text-slate-700" aria-hidden="true">
          {series.map((s) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <svg viewBox="0 0 16 10" className="h-2.5 w-4" focusable="false">
                <line
                  x1="0"
                  y1="5"
                  x2="16"
                  y2="5"
                  stroke={s.color}
                  strokeWidth="2"
                  strokeDasharray={s.dashed ? "4 2" : undefined}
                />
              </svg>
              {s.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
