"use client";
import {
  Legend,
  PolarAngleAxis,
  PolarGrid,
  PolarRadiusAxis,
  Radar,
  RadarChart,
  ResponsiveContainer,
  Tooltip,
} from "recharts";
import { AXIS_TEXT, GRID_LINE, TOOLTIP_STYLE } from "./chart-colours";
import type { RadarSeries } from "./radar";

/** Characters per line of a category label: about 75 px at font size 11, what fits beside the radar on a phone. */
const TICK_CHARS = 12;
const TICK_LINE = 12;

/** A category name broken at spaces into lines of at most TICK_CHARS (a longer single word keeps its own line). */
export function tickLines(label: string): string[] {
  const lines: string[] = [];
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines.length - 1;
    if (last >= 0 && `${lines[last]} ${word}`.length <= TICK_CHARS) lines[last] = `${lines[last]} ${word}`;
    else lines.push(word);
  }
  return lines;
}

type TickProps = {
  x?: number | string;
  y?: number | string;
  cy?: number | string;
  textAnchor?: "start" | "middle" | "end" | "inherit";
  payload?: { value?: unknown };
};

/** A wrapped category label: above the centre it grows upwards, below it downwards, beside it around its point. */
function CategoryTick({ x = 0, y = 0, cy = 0, textAnchor = "middle", payload }: TickProps) {
  const lines = tickLines(String(payload?.value ?? ""));
  const [px, py, pcy] = [Number(x), Number(y), Number(cy)];
  const first =
    textAnchor === "middle" && py < pcy
      ? -(lines.length - 1) * TICK_LINE
      : textAnchor === "middle"
        ? 8
        : -((lines.length - 1) * TICK_LINE) / 2 + 4;
  return (
    <text x={px} y={py} textAnchor={textAnchor} fontSize={11} fill={AXIS_TEXT}>
      {lines.map((line, i) => (
        <tspan key={i} x={px} dy={i === 0 ? first : TICK_LINE}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/** The recharts part of LevelRadar, loaded lazily by radar.tsx. */
export function RadarPlot({ data, series }: { data: Record<string, string | number>[]; series: RadarSeries[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <RadarChart data={data} outerRadius="58%" margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer>
        <PolarGrid stroke={GRID_LINE} />
        <PolarAngleAxis dataKey="categoryName" tick={CategoryTick} />
        {/* Between the first two spokes, so the level numbers do not run into a category label. */}
        <PolarRadiusAxis
          angle={90 - 180 / Math.max(1, data.length)}
          domain={[0, 5]}
          tickCount={6}
          tick={{ fontSize: 10, fill: AXIS_TEXT }}
        />
        {series.map((s) => (
          <Radar
            key={s.key}
            name={s.name}
            dataKey={s.key}
            stroke={s.color}
            fill={s.color}
            fillOpacity={s.dashed ? 0.05 : 0.25}
            strokeDasharray={s.dashed ? "5 3" : undefined}
            isAnimationActive={false}
          />
        ))}
        <Tooltip {...TOOLTIP_STYLE} />
        {series.length > 1 && <Legend wrapperStyle={{ color: AXIS_TEXT }} />}
      </RadarChart>
    </ResponsiveContainer>
  );
}
