"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
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
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" domain={[0, max ?? "auto"]} allowDecimals={false} tick={{ fontSize: 11 }} />
        <YAxis type="category" dataKey="label" width={190} tick={{ fontSize: 11, fill: "#334155" }} />
        <Tooltip />
        {series.length > 1 && <Legend />}
        {series.map((s) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} stackId={s.stack} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}
