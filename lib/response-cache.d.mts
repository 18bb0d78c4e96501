import type { IncomingMessage, ServerResponse } from "node:http";

export declare const MAX_ENTRY_BYTES: number;
export type Entry = {
  headers: Record<string, string | string[]>;
  csp: string | null;
  identity: Buffer;
  gzip: Buffer;
  br: Buffer;
  validUntil: number;
  bytes: number;
};
export type Captured = {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
};
export function inlineScriptHashes(html: string): string[];
export function makeEntry(r: Captured, validUntil: number): Promise<Entry | null>;
export type Store = {
  stats: { hits: number; misses: number; stored: number; evicted: number };
  readonly size: number;
  readonly bytes: number;
  get(key: string): Entry | null;
  set(key: string, entry: Entry): void;
  clear(): void;
};
export function createStore(options: { maxBytes: number; now?: () => number }): Store;
export function chooseEncoding(accept: string | undefined): "br" | "gzip" | "identity";
export function sendEntry(req: IncomingMessage, res: ServerResponse, entry: Entry): void;
export function capture(res: ServerResponse): Promise<Captured | null>;
