/**
 * Records uncaught exceptions and unhandled rejections while a test runs, so it can assert there
 * were none (with these listeners installed, Node no longer exits on them: the test fails instead).
 */
export function watchProcessFaults(): { faults: unknown[]; stop(): void } {
  const faults: unknown[] = [];
  const record = (error: unknown) => {
    faults.push(error);
  };
  process.on("uncaughtException", record);
  process.on("unhandledRejection", record);
  return {
    faults,
    stop() {
      process.off("uncaughtException", record);
      process.off("unhandledRejection", record);
    },
  };
}
