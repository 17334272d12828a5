/** One line of the benchmark table: what was measured, the figure, and the target it answers. */
export interface BenchResult {
  name: string;
  figure: string;
  target: string;
  met: boolean;
  /** A ratio to chart (measured / target direction-normalised), when there is one. */
  ratio?: { label: string; value: number; goal: number };
  notes?: string;
  /** Figures other tools read, written to docs/benchmarks.json. */
  data?: Record<string, unknown>;
}

export interface BenchOptions {
  /** A tiny input, for the test that keeps the scripts from rotting. */
  quick: boolean;
}

export function parseOptions(argv = process.argv.slice(2)): BenchOptions {
  return { quick: argv.includes('--quick') };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export function printResults(results: BenchResult[]): void {
  for (const r of results) {
    console.log(
      `${r.met ? 'PASS' : 'MISS'}  ${r.name}: ${r.figure} (target ${r.target})${r.notes ? ` — ${r.notes}` : ''}`,
    );
  }
}
