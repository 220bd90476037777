// A CPU-bound process for the benchmark: spins until its worker is terminated.
import { defineProcess } from '@s2gos/server';

export const spin = defineProcess({
  module: import.meta.url,
  description: { id: 'spin', version: '1', outputs: {} },
  run() {
    for (;;) {
      // Never yields: the work a process does on a CPU.
    }
  },
});
