"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type BarSeries = { key: string; name: string; color: string; stack?: string };

/** Horizontal bars, one row per item (label on the left). Pair it with a table for screen readers. */
export function HorizontalBars({ data, series, label, max, height }: { data: Record<string, string | number>[]; series: BarSeries[]; label: string; max?: number; height?: number }) {
  const h = height ?? Math.max(160, data.length * 30 + 60);
  return (
    <div style={{ height: h }} className="w-full" role="group" aria-label={label} data-testid="bar-chart">
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
    </div>
  );
}
