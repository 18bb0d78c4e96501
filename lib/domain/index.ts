/**
 * The gap engine: pure functions from plain data to chart-ready plain data.
 * No imports from next, react, prisma or node.
 */
export * from "./types";
export * from "./scale";
export * from "./fit";
export * from "./engine/compile";
export * from "./compare";
export * from "./reasons";
export * from "./engine/unlocking";
export * from "./engine/suggest";
export * from "./engine/reference";
export * from "./learning-path";
export * from "./team";
export * from "./disagreements";
export * from "./history";
export * from "./storable-text";
