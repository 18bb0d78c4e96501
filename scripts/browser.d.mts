export interface FoundBrowser {
  path: string;
  from: string;
}
export function findBrowser(env?: Record<string, string | undefined>, debian?: string): FoundBrowser | null;
export function ensureBrowser(
  env?: Record<string, string | undefined>,
  run?: (cmd: string, args: string[], options?: object) => unknown,
): { ok: true; path: string; from: string } | { ok: false; message: string };
