/** "1 person", "2 people", "0 people": a count with the noun that agrees with it (n: any integer). */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
