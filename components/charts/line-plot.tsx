"use client";
import { AXIS_TEXT, GRID_LINE, TOOLTIP_STYLE } from "./chart-colours";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** The recharts part of FitLine, loaded lazily by line.tsx. */
export function LinePlot({ data }: { data: { date: string; fit: number }[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={data} margin={{ left: 0, right: 16, top: 8 }} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" stroke={GRID_LINE} />
        <XAxis dataKey="date" tick={{ fontSize: 11, fill: AXIS_TEXT }} />
        <YAxis domain={[0, 100]} tick={{ fontSize: 11, fill: AXIS_TEXT }} unit="%" />
        <Tooltip {...TOOLTIP_STYLE} />
        <Line
          type="stepAfter"
          dataKey="fit"
          name="Fit"
          stroke="var(--color-brand-700)"
          strokeWidth={2}
          dot
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  );
}
