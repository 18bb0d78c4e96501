/** Characters per line of a category label: about 75 px at font size 11, what fits beside a radar on a phone. */
export const TICK_CHARS = 12;

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
