/** `helpline bench` as a library call: one throwaway desk, a realistic dataset, the numbers. */
export { runBench } from "./run-bench.js";
export {
  BENCH_PHASES,
  type BenchHttpServer,
  type BenchHttpServerFactory,
  type BenchOptions,
  type BenchPhase,
  type BenchProgress,
  type BenchResult,
  type BenchTargets,
  type TargetCheck,
} from "./types.js";
