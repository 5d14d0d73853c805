/** `helpline bench` as a library call: one throwaway desk, a realistic dataset, the numbers. */
export { runBench } from "./run-bench.js";
export type {
  BenchHttpServer,
  BenchHttpServerFactory,
  BenchOptions,
  BenchProgress,
  BenchResult,
  BenchTargets,
  TargetCheck,
} from "./types.js";
