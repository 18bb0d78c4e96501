"use client";
import { AXIS_TEXT, GRID_LINE, TOOLTIP_STYLE } from "@/components/charts/chart-colours";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** One point of a category's trend; null where the figure is suppressed (the line breaks there). */
export type TrendDatum = { label: string; coverage: number | null; averageLevel: number | null };

/** The recharts part of TrendChart, loaded lazily: coverage on the left axis, average level on the right. */
export function TrendPlot({ data }: { data: TrendDatum[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ left: 0, right: 0, top: 8 }} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" stroke={GRID_LINE} />
        <XAxis dataKey="label" tick={{ fontSize: 11, fill: AXIS_TEXT }} />
        <YAxis yAxisId="pct" domain={[0, 100]} tick={{ fontSize: 11, fill: AXIS_TEXT }} unit="%" width={40} />
        <YAxis
          yAxisId="lvl"
          orientation="right"
          domain={[0, 5]}
          ticks={[0, 1, 2, 3, 4, 5]}
          tick={{ fontSize: 11, fill: AXIS_TEXT }}
          width={24}
        />
        <Tooltip {...TOOLTIP_STYLE} />
        <Legend wrapperStyle={{ fontSize: 12, color: AXIS_TEXT }} />
        <Line
          yAxisId="pct"
          type="linear"
          dataKey="coverage"
          name="Coverage (%)"
          stroke="var(--color-brand-700)"
          strokeWidth={2}
          dot
          isAnimationActive={false}
        />
        <Line
          yAxisId="lvl"
          type="linear"
          dataKey="averageLevel"
          name="Average level (0–5)"
          stroke="var(--color-slate-700)"
          strokeDasharray="5 3"
          strokeWidth={2}
          dot
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
