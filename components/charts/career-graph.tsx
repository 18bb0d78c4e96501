import Link from "next/link";
import { NODE_H, NODE_W, type CareerGraph, type GraphEdge, type GraphNode } from "@/lib/domain/taxonomy-views";

const edgeStyle = {
  entry: { stroke: "var(--color-slate-600)", dash: "6 4", label: "entry" },
  progression: { stroke: "var(--color-brand-700)", dash: undefined, label: "progression" },
  lateral: { stroke: "var(--color-orange-800)", dash: "2 4", label: "lateral move" },
} as const;

/** A graph whose nodes and edges may be marked as on the person's route (and the route's target). */
export type CareerGraphView = Omit<CareerGraph, "nodes" | "edges"> & {
  nodes: (GraphNode & { onRoute?: boolean; target?: boolean })[];
  edges: (GraphEdge & { onRoute?: boolean })[];
};

/** Characters that fit one line of a node at font size 12, bold included; longer lines get font size 11. */
const LINE_CHARS = 18;

/** A role title on one line when it fits a node, else split at the space that makes the longer line shortest. */
export function nodeLines(title: string): string[] {
  const words = title.split(/\s+/).filter(Boolean);
  if (title.length <= LINE_CHARS || words.length < 2) return [words.join(" ")];
  let best = [words.join(" ")];
  for (let i = 1; i < words.length; i++) {
    const split = [words.slice(0, i).join(" "), words.slice(i).join(" ")];
    if (best.length === 1 || Math.max(...split.map((l) => l.length)) < Math.max(...best.map((l) => l.length))) {
      best = split;
    }
  }
  return best;
}

const nodeFont = (lines: string[]) => (lines.some((l) => l.length > LINE_CHARS + 1) ? 11 : 12);

/** The career-path diagram (server-rendered SVG; every node is a link). A text list of the paths sits beside it. */
export function CareerGraphDiagram({ graph, title }: { graph: CareerGraphView; title: string }) {
  const titleId = `graph-title-${title.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <figure className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3">
      <svg
        width={graph.width}
        height={graph.height}
        viewBox={`0 0 ${graph.width} ${graph.height}`}
        role="group"
        aria-labelledby={titleId}
        data-testid="career-graph"
      >
        <title id={titleId}>{title}</title>
        <defs>
          {Object.entries(edgeStyle).map(([k, s]) => (
            <marker
              key={k}
              id={`arrow-${k}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="11"
              markerHeight="11"
              markerUnits="userSpaceOnUse"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" fill={s.stroke} />
            </marker>
          ))}
        </defs>
        {graph.nodes.some((n) => n.track === "infrastructure") && (
          <text x={4} y={14} fontSize="12" fill="var(--color-slate-700)">
            Infrastructure track
          </text>
        )}
        {graph.nodes.some((n) => n.track === "platform") && (
          <text
            x={4}
            y={(graph.nodes.find((n) => n.track === "platform")?.y ?? graph.height - 40) - 8}
            fontSize="12"
            fill="var(--color-slate-700)"
          >
            Platform track
          </text>
        )}
        {graph.edges.map((e) => {
          const s = edgeStyle[e.kind];
          const mx = (e.x1 + e.x2) / 2;
          const d =
            e.x1 === e.x2
              ? `M${e.x1},${e.y1} L${e.x2},${e.y2}`
              : `M${e.x1},${e.y1} C${mx},${e.y1} ${mx},${e.y2} ${e.x2},${e.y2}`;
          return (
            <path
              key={`${e.from}-${e.to}`}
              d={d}
              fill="none"
              stroke={s.stroke}
              strokeWidth={e.onRoute ? 3.5 : 1.6}
              strokeDasharray={s.dash}
              markerEnd={`url(#arrow-${e.kind})`}
            />
          );
        })}
        {graph.nodes.map((n) => (
          <Link key={n.id} href={`/roles/${n.id}`} prefetch={false}>
            <rect
              x={n.x}
              y={n.y}
              width={NODE_W}
              height={NODE_H}
              rx={6}
              fill={
                n.current
                  ? "var(--color-brand-700)"
                  : n.track === "platform"
                    ? "var(--color-brand-50)"
                    : "var(--color-slate-100)"
              }
              stroke={
                n.current ? "var(--color-brand-900)" : n.onRoute ? "var(--color-brand-700)" : "var(--color-slate-500)"
              }
              strokeWidth={n.current || n.target ? 3 : n.onRoute ? 2.5 : 1}
            />
            <text
              x={n.x + NODE_W / 2}
              y={n.y + NODE_H / 2 + (nodeLines(n.title).length === 1 ? 4 : -3)}
              textAnchor="middle"
              fontSize={nodeFont(nodeLines(n.title))}
              fontWeight={n.onRoute ? 600 : undefined}
              fill={n.current ? "var(--color-white)" : "var(--color-slate-900)"}
            >
              {nodeLines(n.title).map((line, i) => (
                <tspan key={i} x={n.x + NODE_W / 2} dy={i === 0 ? 0 : 14}>
                  {i > 0 ? ` ${line}` : line}
                </tspan>
              ))}
            </text>
          </Link>
        ))}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-sm text-slate-700">
        {Object.entries(edgeStyle).map(([k, s]) => (
          <span key={k} className="inline-flex items-center gap-1">
            <svg width="28" height="8" aria-hidden="true">
              <line x1="0" y1="4" x2="28" y2="4" stroke={s.stroke} strokeWidth="2" strokeDasharray={s.dash} />
            </svg>
            {s.label}
          </span>
        ))}
        {graph.nodes.some((n) => n.onRoute) && <span>Bold boxes and thick lines: your route.</span>}
        <span>Columns run from entry level (left) to executive (right).</span>
      </figcaption>
    </figure>
  );
}
