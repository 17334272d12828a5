import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** Linux counts process and machine CPU time in ticks of 1/100 s (USER_HZ). */
const TICK_MS = 10;

/** How busy each side was over a measured stretch, each as a share of one core. */
export interface CpuShares {
  /** This process: the server or the dispatchers under test. */
  self: number;
  /** The local engines' process (dynalite and local SES), a child of this one. */
  engines: number;
  /** Everything on the machine, ours and other work alike, as a share of all its cores. */
  machine: number;
  cores: number;
}

/** Ticks the local engines' child process has used, or 0 where there is no /proc. */
function enginesTicks(): number {
  let ticks = 0;
  try {
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Fields after the command name, which may itself hold spaces: state, ppid, …
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (Number(fields[1]) !== process.pid) continue;
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('engines-process')) continue;
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // The process ended between listing and reading.
      }
    }
  } catch {
    return 0;
  }
  return ticks;
}

/** The machine's busy and total ticks over all cores, or zeros where there is no /proc. */
function machineTicks(): { busy: number; total: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line
      .split(/\s+/)
      .slice(1)
      .map(Number) as number[];
    const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0);
    return { busy: busy + (steal ?? 0), total: busy + (steal ?? 0) + (idle ?? 0) + (iowait ?? 0) };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/**
 * Starts measuring; the returned function ends the stretch and gives the shares. Every figure
 * in these benchmarks is taken while other work may run on the same machine: the machine's
 * share says how much did, next to our own processes' shares.
 */
export function measureCpu(): () => CpuShares {
  const started = performance.now();
  const self = process.cpuUsage();
  const engines = enginesTicks();
  const machine = machineTicks();
  return () => {
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(self);
    const machineNow = machineTicks();
    const total = machineNow.total - machine.total;
    return {
      self: (used.user + used.system) / 1000 / wallMs,
      engines: ((enginesTicks() - engines) * TICK_MS) / wallMs,
      machine: total > 0 ? (machineNow.busy - machine.busy) / total : 0,
      cores: os.cpus().length,
    };
  };
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** For the table: "this process busy 82 % of a core, the engines 40 %, the machine 95 % of 2 cores". */
export function describeCpu(shares: CpuShares, self: string): string {
  return `${self} busy ${percent(shares.self)} of a core, the engines' ${percent(shares.engines)}; the whole machine ${percent(shares.machine)} of its ${shares.cores} cores`;
}
