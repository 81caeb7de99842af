import type { ColdStartResult } from './cold-start';
import type { FanOutResult } from './fanout';
import type { BurstOutcome } from './registration';
import type { CapacityRow, ProgrammeRushResult, RushResult } from './rush';
import type { LatencySummary } from './stats';

/** The shape of bench/results.json: written by run.ts, rendered by report.ts. */
export interface BenchSettings {
  rate: number;
  concurrency: number;
  durationS: number;
  warmupS: number;
  burst: number;
  burstCapacity: number;
  importRuns: number;
}

export interface LoadRow {
  name: string;
  model: string;
  rate: number;
  concurrency: number;
  durationS: number;
  sent: number;
  ok: number;
  statuses: Record<string, number>;
  throughput: number;
  latency: LatencySummary;
  queued: number;
}

export interface BenchResults {
  startedAt: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  settings: BenchSettings;
  registrationBurst: {
    openLoop: { ours: LoadRow; raw: LoadRow; p99Ratio: number; p50Ratio: number };
    autocannon: { ours: LoadRow; raw: LoadRow; p99Ratio: number; p50Ratio: number };
    target: { p99Ratio: number };
  };
  capacityBurst: BurstOutcome & {
    capacity: number;
    stored: { confirmed: number; waitlisted: number; sessionConfirmedCount: number; sessionWaitlistCount: number };
    fiveXx: number;
    pass: boolean;
  };
  coldStart: ColdStartResult;
  emailFanOut: FanOutResult;
  rush: RushPart;
  durationS: number;
}

/** The rush under the contention model and the consumed capacity per registration (bench/rush.ts). */
export interface RushPart {
  /** One container (the local stack's one process). */
  rush: RushResult;
  /** A container per registration, as on Lambda. */
  rushEach: RushResult;
  /** A container per registration through the placement queue, as deployed (absent in runs before it). */
  rushQueue?: RushResult;
  programmeRush: ProgrammeRushResult;
  capacity: CapacityRow[];
}
