"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TEXT, GRID_LINE, TOOLTIP_STYLE } from "./chart-colours";
import type { BarSeries } from "./bars";

/** The recharts part of HorizontalBars, loaded lazily by bars.tsx. */
export function BarsPlot({
  data,
  series,
  max,
}: {
  data: Record<string, string | number>[];
  series: BarSeries[];
  max?: number;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={data} layout="vertical" margin={{ left: 16, right: 16 }} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke={GRID_LINE} />
        <XAxis
          type="number"
          domain={[0, max ?? "auto"]}
          allowDecimals={false}
          tick={{ fontSize: 11, fill: AXIS_TEXT }}
        />
        <YAxis type="category" dataKey="label" width={190} tick={{ fontSize: 11, fill: AXIS_TEXT }} />
        <Tooltip {...TOOLTIP_STYLE} />
        {series.length > 1 && <Legend wrapperStyle={{ color: AXIS_TEXT }} />}
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} stackId={s.stack} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
